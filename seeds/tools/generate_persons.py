#!/usr/bin/env python3
"""Regenerates data/010-persons-wuhan.jsonl: the story's 24 Wuhan returnees in 18 households.

Deterministic (fixed seed). Names are synthetic and marked （示例）; ID numbers have a valid
GB 11643 check digit for area 411324 (Zhenping county) with sequence numbers 9xx.
"""
import datetime
import json
import pathlib
import random

random.seed(20200122)
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"]
COMPOUNDS = ["安国小区", "建设小区", "粮食局家属院", "供销社家属院", "税务局家属院", "农机小区", "人民医院家属院",
             "教育局家属院", "纺织厂家属院", "电力小区", "水利局家属院", "交通局家属院", "邮电小区"]


def id_number(area, birth, seq):
    base = f"{area}{birth:%Y%m%d}{seq:03d}"
    return base + CHECK[sum(int(d) * w for d, w in zip(base, WEIGHTS)) % 11]


def main():
    lines = []
    n = 0
    for h in range(18):
        compound = COMPOUNDS[h % 13]
        for m in range(2 if h < 6 else 1):
            n += 1
            birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=random.randint(0, 60 * 365))
            rid = id_number("411324", birth, 900 + n)
            arrival = datetime.date(2020, 1, 22) + datetime.timedelta(days=random.randint(0, 4))
            body = {"name": random.choice(SURNAMES) + random.choice(GIVEN) + "（示例）",
                    "residentIdNumber": rid,
                    "phone": f"1990000{n:04d}",
                    "origin": "WUHAN",
                    "arrivalDate": arrival.isoformat(),
                    "compound": compound,
                    "address": f"{compound} {1 + h % 6}号楼 {1 + m}单元 {100 + h}室",
                    "transport": random.choice(["自驾", "火车", "长途汽车", "网约车"]),
                    "source": random.choice(["SELF_REPORTED", "COUNTY_LIST", "GRID_VISIT"])}
            lines.append({"method": "POST", "path": "/api/v1/persons", "key": f"seed-person-wuhan-{n:03d}", "body": body})
    out = pathlib.Path(__file__).resolve().parent.parent / "data" / "010-persons-wuhan.jsonl"
    out.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), encoding="utf-8")


if __name__ == "__main__":
    main()
