#!/usr/bin/env python3
"""Generates seeds/data/*.jsonl: the Anguo Road community of the story, as API requests.

Deterministic: a fixed random seed and fixed iteration order, so running it twice gives the same
bytes. Bump VERSION whenever a request body changes: it is part of every idempotency key, so a
changed data set is new requests, never a replay with another body (which the services answer 422).

Every number that comes from the story (../shared/seed/000_8a6aebfc1575065c.txt) is a constant
below with the sentence it comes from; seeds/README.md lists them. Everything personal is
synthetic: names end in （示例）, ID numbers are valid under GB 11643 but made up (area 411324,
sequence 9xx), phones are in the 199000xxxxx block.

Usage: python3 seeds/tools/generate_demo.py   (rewrites seeds/data/*.jsonl and expected-colours.json)
"""
import datetime
import json
import pathlib
import random

VERSION = 1
COMMUNITY = "anguo"  # 河南省镇平县涅阳街道安国路社区
COUNTY, STREET = "镇平县", "涅阳街道"  # the hierarchy, for POST /communities once it exists
P = f"{COMMUNITY}-v{VERSION}-"  # idempotency key prefix

# --- numbers from the story ----------------------------------------------------------------
COMPOUNDS = 13  # "13个居民小区既不连片也无人管理"
FIRST_DAY = datetime.date(2020, 1, 22)  # "从腊月28战"疫"打响的第一天开始" (腊月廿八 = 2020-01-22)
WORKING_TEAM = 29  # "社区两委、街道办事处抽调工作人员、村组干部以及村医民警等29人"
HOUSEHOLDS_FROM_OUTSIDE = 234  # "社区已登记了234户外地返乡人员"
HUBEI_HOUSEHOLDS = 21  # "其中湖北返乡21户"
WUHAN_HOUSEHOLDS = 18  # "18户24人是武汉返回"
WUHAN_PERSONS = 24
XIANGYANG_ARRIVAL = datetime.date(2020, 1, 24)  # "元月24日晚上,刚从襄阳市返回的李女士"
QUARANTINE_DAYS = 14  # "确保全部落实14天居家隔离"
SHOCK_TEAMS = 8  # "党员突击队共有8支"
VOLUNTEERS = 198  # "在校学生、有志青年将近200人投身在抗疫第一线"
ORDERS = 320  # "短短五天的时间已累计完成订单配送300多起"
ORDER_DAYS = 5
DISINFECTIONS_PER_DAY = 3  # "全天三次消毒"
PARTNERS = [("同富小康生活超市", "SHOP"), ("医道堂", "PHARMACY"), ("百姓药店", "PHARMACY")]  # "爱心商家"

rnd = random.Random()


def section(name):
    """A fresh seeded random stream per section, so changing one section leaves the others' bytes alone."""
    rnd.seed(f"20200122/{name}")


ZONE = datetime.timezone(datetime.timedelta(hours=8))  # Asia/Shanghai (no DST since 1991)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
         "刚", "桂英", "建华", "玉兰", "志强", "海燕", "红梅", "建国", "晓东", "春雷", "国庆", "丹", "博", "欣怡", "子涵", "浩然"]
COMPOUND_NAMES = ["安国小区", "建设小区", "粮食局家属院", "供销社家属院", "税务局家属院", "农机小区", "人民医院家属院",
                  "教育局家属院", "纺织厂家属院", "电力小区", "水利局家属院", "交通局家属院", "邮电小区"]
assert len(COMPOUND_NAMES) == COMPOUNDS
CHECK = "10X98765432"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def name():
    return rnd.choice(SURNAMES) + rnd.choice(GIVEN) + "（示例）"


used_ids = set()


def id_number(birth):
    """A made-up resident ID number (GB 11643): Zhenping's area code, the birth date, 9xx, check character."""
    while True:
        base = f"411324{birth:%Y%m%d}{rnd.randint(900, 999):03d}"
        rid = base + CHECK[sum(int(d) * w for d, w in zip(base, WEIGHTS)) % 11]
        if rid not in used_ids:
            used_ids.add(rid)
            return rid


def at(day, hh, mm=0):
    """A local time of a day, as the UTC instant the API takes."""
    return datetime.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ZONE).astimezone(
        datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def ref(key, pointer="/id"):
    """A placeholder the loader fills from the answer to the line with this key."""
    return "${" + key + ":" + pointer + "}"


def ckey(c):
    return P + f"compound-{c + 1:02d}"


files = {}


WAIT_SECONDS = 300  # how long a wait polls: projections lag far behind on a busy machine (seen: > 90 s at load 80)


def emit(file, key, as_, path, body=None, method="POST", until=None):
    """One request line. The body dict is kept by reference: later tweaks (e.g. hubeiContact) still land in it."""
    line = {"key": P + key, "as": as_, "method": method, "path": path}
    if body is not None:
        line["body"] = body
    if until is not None:
        line["until"] = until
        line["timeoutSeconds"] = WAIT_SECONDS
    files.setdefault(file, []).append(line)


# --- 010: compounds, grids and 一长三员 --------------------------------------------------------
section("compounds")
TEAM = ([("社区两委", i) for i in range(7)] + [("街道办事处", i) for i in range(8)] + [("东关村组干部", i) for i in range(9)]
        + [("村医", i) for i in range(2)] + [("民警", i) for i in range(3)])
assert len(TEAM) == WORKING_TEAM
staff = [name() for _ in TEAM]
committee, street, cadres, doctors, police = staff[0:7], staff[7:15], staff[15:24], staff[24:26], staff[26:29]
leaders = committee + street[:6]
registrars = cadres + street[6:8] + cadres[:2]
buyers = cadres[2:] + street[:6]
grid = {}
for c in range(COMPOUNDS):
    key = f"compound-{c + 1:02d}"
    emit("010-compounds", key, "operator", "/api/v1/compounds", {"name": COMPOUND_NAMES[c], "community": COMMUNITY})
    roles = [("GRID_LEADER", leaders[c]), ("RETURNEE_REGISTRAR", registrars[c]),
             ("TEMPERATURE_MEDIC", doctors[c % 2]), ("SUPPLIES_BUYER", buyers[c % len(buyers)])]
    grid[c] = dict(roles)
    for role, who in roles:
        emit("010-compounds", f"{key}-{role.lower().replace('_', '-')}", "operator",
             f"/api/v1/compounds/{ref(ckey(c))}/grid-roles", {"role": role, "staffMember": who})

# --- 020: households and persons --------------------------------------------------------------
section("households")
buildings = {c: rnd.randint(2, 5) for c in range(COMPOUNDS)}
addresses = set()
households = []
sizes = [2] * 6 + [1] * 12  # 18 Wuhan households with 24 people
assert len(sizes) == WUHAN_HOUSEHOLDS and sum(sizes) == WUHAN_PERSONS
plan = [("WUHAN", s) for s in sizes] + [("HUBEI_OTHER", s) for s in [1, 2, 1]]
assert len(plan) == HUBEI_HOUSEHOLDS
while len(plan) < HOUSEHOLDS_FROM_OUTSIDE:
    plan.append(("ELSEWHERE", rnd.choices([1, 2, 3], weights=[55, 35, 10])[0]))
for h, (origin, size) in enumerate(plan):
    c = h % COMPOUNDS
    while True:
        b, u, r = rnd.randint(1, buildings[c]), rnd.randint(1, 3), rnd.randint(1, 6) * 100 + rnd.randint(1, 4)
        if (c, b, u, r) not in addresses:
            addresses.add((c, b, u, r))
            break
    households.append({"key": f"household-{h + 1:03d}", "compound": c, "building": f"{b}号楼", "unit": f"{u}单元",
                       "room": f"{r}", "origin": origin, "size": size})

persons = []
n = 0
for hh in households:
    emit("020-households", hh["key"], "operator", "/api/v1/households",
         {"compoundId": ref(ckey(hh["compound"])), "building": hh["building"], "unit": hh["unit"], "room": hh["room"]})
    for m in range(hh["size"]):
        n += 1
        origin = hh["origin"]
        if m > 0:
            arrival = persons[-1]["arrival"]  # a household travels together
        elif hh["key"] == "household-019":
            arrival = XIANGYANG_ARRIVAL
        elif origin == "WUHAN":
            arrival = FIRST_DAY + datetime.timedelta(days=rnd.randint(0, 4))
        elif origin == "HUBEI_OTHER":
            arrival = FIRST_DAY + datetime.timedelta(days=rnd.randint(0, 6))
        else:
            arrival = FIRST_DAY + datetime.timedelta(days=rnd.randint(0, 19))
        birth = datetime.date(1945, 1, 1) + datetime.timedelta(days=rnd.randint(0, 62 * 365))
        body = {"name": name(), "residentIdNumber": id_number(birth), "phone": f"1990000{n:04d}", "origin": origin,
                "arrivalDate": arrival.isoformat(), "compound": ref(ckey(hh["compound"])),
                "address": f"{COMPOUND_NAMES[hh['compound']]} {hh['building']}{hh['unit']}{hh['room']}室",
                "transport": rnd.choice(["自驾", "火车", "长途汽车", "网约车"]),
                "source": rnd.choice(["SELF_REPORTED", "COUNTY_LIST", "GRID_VISIT"])}
        if hh["key"] == "household-019":  # 李女士, back from Xiangyang on the evening of 24 January
            body["name"] = "李" + rnd.choice(["芳", "娟", "霞"]) + "（示例）"
            body["transport"] = "长途汽车"
            body["source"] = "SELF_REPORTED"
        p = {"key": f"person-{n:04d}", "origin": origin, "arrival": arrival, "compound": hh["compound"],
             "contact": False, "body": body}
        persons.append(p)
        emit("020-households", p["key"], "operator", "/api/v1/persons", body)
        emit("020-households", f"{hh['key']}-member-{m + 1}", "operator",
             f"/api/v1/households/{ref(P + hh['key'])}/members", {"personId": ref(P + p["key"])})

elsewhere = [p for p in persons if p["origin"] == "ELSEWHERE"]
contacts = rnd.sample(elsewhere, 8)  # close contacts (密切接触): traced like Hubei returnees
for p in contacts:
    p["body"]["hubeiContact"] = True
    p["contact"] = True


# --- 030: tracing: calls, verification, notices, departures (四色标示法) -----------------------
section("tracing")
def call(p, outcome, when, by, note, i=1):
    emit("030-tracing", f"{p['key']}-call-{i}", "operator", f"/api/v1/persons/{ref(P + p['key'])}/trace-calls",
         {"outcome": outcome, "calledBy": by, "calledAt": when, "note": note})


def verify(p):
    day = p["arrival"] + datetime.timedelta(days=1)
    emit("030-tracing", f"{p['key']}-verification", "operator", f"/api/v1/persons/{ref(P + p['key'])}/verification",
         {"inHomeQuarantine": True, "verifiedBy": grid[p["compound"]]["GRID_LEADER"], "verifiedAt": at(day, 10)})
    for i, kind in enumerate(["NOTICE", "COMMITMENT"]):  # "签署了相关的告知书和承诺书"
        emit("030-tracing", f"{p['key']}-notice-{kind.lower()}", "operator",
             f"/api/v1/persons/{ref(P + p['key'])}/notices", {"kind": kind, "signedAt": at(day, 10, 30 + 5 * i)})


expected = {}  # person key -> (colour, rule) RiskColourPolicy should decide
quarantined = []  # persons at home whose case gets readings
wuhan = [p for p in persons if p["origin"] == "WUHAN"]
other = [p for p in persons if p["origin"] == "HUBEI_OTHER"]
fates = (list(zip(wuhan, ["blue"] * 19 + ["yellow"] * 2 + ["unreachable", "departed", "late"]))
         + list(zip(other, ["blue", "yellow", "blue", "refused"]))
         + list(zip(contacts, ["blue"] * 4 + ["yellow"] * 2 + ["late"] * 2)))
for p, fate in fates:
    caller = grid[p["compound"]]["RETURNEE_REGISTRAR"]
    day = p["arrival"]
    if fate == "late":  # on the county's list, never reached: red once the report deadline passed
        p["body"]["source"] = "COUNTY_LIST"
        expected[p["key"]] = ("RED", "NOT_REPORTED_IN_TIME")
    elif fate == "unreachable":
        for i, by in enumerate([caller, police[1], police[2]]):  # "电话无法打通": the police try too
            call(p, "UNREACHABLE", at(day + datetime.timedelta(days=i), 19), by, "电话无法打通", i + 1)
        expected[p["key"]] = ("RED", "UNREACHABLE")
    elif fate == "refused":
        call(p, "UNREACHABLE", at(day, 12), police[0], "电话无人接听", 1)
        call(p, "REFUSED", at(day, 20), caller, "不配合管控", 2)
        expected[p["key"]] = ("RED", "REFUSED")
    else:
        call(p, "REACHED", at(day, 20, rnd.randint(0, 59)), caller, "已填写《湖北返乡人员信息登记表》")
        if fate == "yellow":
            expected[p["key"]] = ("YELLOW", "REACHED_BEING_VERIFIED")
            if p["origin"] != "ELSEWHERE":  # returnees from Hubei are quarantined on registration, contacts once blue
                quarantined.append(p)
                expected[p["key"]] = ("BLUE", "IN_QUARANTINE")  # reached, and a case runs: blue before verification
        elif fate == "departed":  # "明确去往外地"
            emit("030-tracing", f"{p['key']}-departure", "operator", f"/api/v1/persons/{ref(P + p['key'])}/departure",
                 {"destination": "郑州市（示例）", "departedAt": at(day + datetime.timedelta(days=2), 9)})
            expected[p["key"]] = ("BLUE", "DEPARTED")
        else:
            verify(p)
            expected[p["key"]] = ("BLUE", "VERIFIED_IN_HOME_QUARANTINE")
            quarantined.append(p)
for p in elsewhere:  # 一长三员 call some of the others back; they stay green (no Hubei contact)
    if not p["contact"]:
        expected[p["key"]] = ("GREEN", "NO_HUBEI_CONTACT")
        if rnd.random() < 0.3:
            call(p, "REACHED", at(p["arrival"] + datetime.timedelta(days=1), 15, rnd.randint(0, 59)),
                 grid[p["compound"]]["RETURNEE_REGISTRAR"], "回访:身体状况良好")

# --- 040: quarantine: wait for each person's case, then readings twice a day ------------------
section("quarantine")
# Wuhan/Hubei returnees get a case when registered, close contacts when they turn blue: both are
# asynchronous (quarantine-service follows registry events), hence the wait before the readings.
fever_person = quarantined[2]
cases = {}
for p in quarantined:
    ck = f"{p['key']}-case"
    cases[p["key"]] = P + ck
    emit("040-quarantine", ck, "medic", f"/api/v1/quarantines?personId={ref(P + p['key'])}", method="GET",
         until="/items/0/id")
    medic = grid[p["compound"]]["TEMPERATURE_MEDIC"]
    case = ref(P + ck, "/items/0/id")
    for d in range(QUARANTINE_DAYS):
        day = p["arrival"] + datetime.timedelta(days=d)
        for slot, hour in (("am", 8), ("pm", 18)):
            fever = p is fever_person and d == 2 and slot == "pm"
            celsius = 37.8 if fever else round(rnd.uniform(36.1, 37.0), 1)  # the one fever → the fever clinic
            emit("040-quarantine", f"{p['key']}-t{d + 1:02d}{slot}", "medic", f"/api/v1/quarantines/{case}/temperatures",
                 {"celsius": celsius, "method": rnd.choice(["FOREHEAD", "FOREHEAD", "AXILLARY"]), "medic": medic,
                  "occurredAt": at(day, hour, rnd.randint(0, 50))})
            if fever:
                emit("040-quarantine", f"{p['key']}-symptoms", "medic", f"/api/v1/quarantines/{case}/symptoms",
                     {"symptoms": ["发热", "乏力"], "notes": "已报发热门诊", "occurredAt": at(day, hour, 55)})

# --- 050: volunteers, shock teams, the Lei Feng company ---------------------------------------
section("volunteers")
SHOCK = [("第一党员突击队（老党员）", "PARTY_MEMBER", 14), ("第二党员突击队（在职党员）", "PARTY_MEMBER", 16),
         ("第三党员突击队（在校学生）", "STUDENT", 24), ("第四党员突击队（青年学生）", "STUDENT", 24),
         ("第五党员突击队（退役军人）", "VETERAN", 14), ("第六党员突击队（女子突击队）", "RESIDENT", 18),
         ("第七党员突击队（物业先锋队）", "RESIDENT", 16), ("第八党员突击队（有志青年）", "RESIDENT", 20)]
assert len(SHOCK) == SHOCK_TEAMS
SKILLS = {"PARTY_MEMBER": ["入户排查"], "STUDENT": ["宣传", "送货"], "VETERAN": ["卡点值守"], "RESIDENT": ["送货", "消杀"]}
PLEDGE = ("请战书（示例）：我是一名党员，也是一名退役军人。疫情当前，我请求到安国路与建设路口卡点值守，"
          "让值班的同志能轮流休息。此致 安国路社区党支部。")
volunteers = []


def volunteer(kind, skills, team, pledge=None):
    key = f"volunteer-{len(volunteers) + 1:03d}"
    body = {"name": name(), "phone": f"1990001{len(volunteers) + 1:04d}", "kind": kind, "skills": skills}
    if pledge:
        body["pledgeLetter"] = pledge
    emit("050-volunteers", key, "operator", "/api/v1/volunteers", body)
    volunteers.append({"key": key, "kind": kind, "team": team})
    return key


teams = []
for t, (team, kind, size) in enumerate(SHOCK):
    members = [volunteer(kind, SKILLS[kind], team, PLEDGE if (t, i) == (4, 0) else None) for i in range(size)]
    teams.append((f"team-{t + 1:02d}", team, "SHOCK_TEAM", members))
LEI_FENG, LEI_FENG_SIZE = "镇平春雷雷锋营三连（示例）", 31
lei_feng = [volunteer("VETERAN", ["医生", "消杀", "卡点值守"], LEI_FENG)]  # its commander: a veteran and a doctor
for i in range(LEI_FENG_SIZE - 1):
    lei_feng.append(volunteer(rnd.choice(["RESIDENT", "VETERAN", "RESIDENT", "MEDIC"]), ["消杀", "宣传"], LEI_FENG))
teams.append(("team-leifeng-3", LEI_FENG, "LEI_FENG_COMPANY", lei_feng))
while len(volunteers) < VOLUNTEERS:
    volunteer("STUDENT", ["送货", "宣传"], None)
for tk, team, kind, members in teams:
    emit("050-volunteers", tk, "operator", "/api/v1/teams", {"name": team, "kind": kind, "leaderId": ref(P + members[0])})
    for m in members[1:]:
        emit("050-volunteers", f"{tk}-{m}", "operator", f"/api/v1/teams/{ref(P + tk)}/members",
             {"volunteerId": ref(P + m)})

# --- 060: supply requests and orders: 点单 → 跑腿, 敲门不见面 -----------------------------------
section("deliveries")
couriers = [x["key"] for x in volunteers if x["kind"] in ("PARTY_MEMBER", "STUDENT")
            or (x["team"] or "").endswith("（物业先锋队）")]
ITEMS = ["大米5kg", "面粉5kg", "食用油5L", "鸡蛋30枚", "青菜2kg", "土豆3kg", "西红柿2kg", "猪肉1kg", "牛奶1箱", "方便面1箱",
         "口罩10只", "消毒液1瓶", "体温计1支", "感冒冲剂1盒", "酒精棉片1盒", "卫生纸1提"]


def lifecycle(order_key, order_id, i):
    """Moves one order along: most reach the door and are confirmed, a few are cancelled or still open."""
    fate = rnd.choices(["confirmed", "left", "ordered", "accepted", "cancelled"], weights=[80, 8, 4, 4, 4])[0]
    base = f"/api/v1/deliveries/{order_id}"
    if fate == "cancelled":
        emit("060-deliveries", f"{order_key}-cancel", "operator", base + "/cancellation", {"reason": "居民已自行解决"})
    if fate in ("cancelled", "ordered"):
        return
    emit("060-deliveries", f"{order_key}-accept", "operator", base + "/acceptance",
         {"volunteerId": ref(P + couriers[i % len(couriers)])})
    if fate == "accepted":
        return
    for step in ("pickup", "disinfection", "drop-off"):
        emit("060-deliveries", f"{order_key}-{step}", "operator", base + "/" + step)
    if fate == "confirmed":
        emit("060-deliveries", f"{order_key}-confirm", "operator", base + "/confirmation")


order_no = 0
for p in [p for p in quarantined if expected[p["key"]][0] == "BLUE"][:20]:
    for s in range(2):  # a quarantined household's supply request becomes a contact-free order
        order_no += 1
        sk = f"{p['key']}-supply-{s + 1}"
        emit("060-deliveries", sk, "operator", f"/api/v1/quarantines/{ref(cases[p['key']], '/items/0/id')}/supply-requests",
             {"items": rnd.sample(ITEMS, rnd.randint(2, 5)), "notes": "放门口,敲门告知"})
        emit("060-deliveries", sk + "-order", "operator", f"/api/v1/supply-requests/{ref(P + sk, '/requestId')}",
             method="GET", until="/orderId")
        lifecycle(sk, ref(P + sk + "-order", "/orderId"), order_no)
while order_no < ORDERS:
    order_no += 1
    hh = households[rnd.randrange(len(households))]
    partner, kind = rnd.choice(PARTNERS)
    ok = f"order-{order_no:03d}"
    emit("060-deliveries", ok, "operator", "/api/v1/deliveries",
         {"householdId": ref(P + hh["key"]), "compoundId": ref(ckey(hh["compound"])),
          "address": f"{COMPOUND_NAMES[hh['compound']]} {hh['building']}{hh['unit']}{hh['room']}室",
          "items": rnd.sample(ITEMS if kind == "SHOP" else ITEMS[10:], rnd.randint(1, 4)),
          "partner": partner, "partnerKind": kind, "notes": f"第{1 + (order_no - 1) * ORDER_DAYS // ORDERS}天 网上下单"})
    lifecycle(ok, ref(P + ok), order_no)

# --- 070: disinfection rounds (全面消杀, 全天三次) ----------------------------------------------
section("disinfection")
# Rounds may not be older than 7 days, so they are the two days before the loader's day
# (${today-1d@07:30}, filled by the loader), and that day is in the key: a run on a later day
# records rounds for its own days instead of replaying a body that no longer matches.
r = 0
for c in range(COMPOUNDS):
    for b in sorted({hh["building"] for hh in households if hh["compound"] == c}, key=lambda x: int(x[:-2])):
        for back in (2, 1):
            for hour in ("07:30", "12:30", "18:30")[:DISINFECTIONS_PER_DAY]:
                r += 1
                emit("070-disinfection", f"round-{c + 1:02d}-b{b[:-2]}-d{back}-{hour.replace(':', '')}-" + "${today}",
                     "operator", "/api/v1/disinfections",
                     {"compoundId": ref(ckey(c)), "building": b, "areas": ["DOORS", "FLOORS", "LIFTS", "HANDLES"],
                      "volunteerIds": [ref(P + lei_feng[r % LEI_FENG_SIZE]), ref(P + lei_feng[(r + 7) % LEI_FENG_SIZE])],
                      "performedAt": "${today-" + str(back) + "d@" + hour + "}"})

# --- 080-082: checkpoints, crossings, passes (设卡防控, 封闭管理, 临时通行证) --------------------------
section("checkpoints")
CLOSED_FROM = datetime.date(2020, 1, 25)  # "从大年初一起,安国路社区率先对各个小区开始封闭管理,落实出入登记"
CROSSING_DAYS = 14  # the first two weeks of the checkpoints
SECRETARY_VISIT = (datetime.date(2020, 2, 2), 20)  # "2020年2月2日20时,县委李书记带着督察组暗访安国路卡点值班情况"
PASS_COMPOUNDS = [0, 1, 2]  # compounds whose gates let residents out only with a temporary pass ("临时通行证的办理")
NORTH = "checkpoint-north"  # "安国路与建设路口协助设卡防控"; "守好县城北大门这一'生命通道'"
emit("080-checkpoints", NORTH, "operator", "/api/v1/checkpoints",
     {"name": "安国路与建设路口卡点（县城北大门）", "kind": "ROAD_JUNCTION", "location": "安国路 × 建设路"})
emit("080-checkpoints", NORTH + "-open", "operator", f"/api/v1/checkpoints/{ref(P + NORTH)}/open")
gate_keys = []
for c in range(COMPOUNDS):
    gk = f"checkpoint-gate-{c + 1:02d}"
    gate_keys.append(gk)
    emit("080-checkpoints", gk, "operator", "/api/v1/checkpoints",
         {"name": f"{COMPOUND_NAMES[c]}大门", "kind": "COMPOUND_GATE", "location": f"{COMPOUND_NAMES[c]}正门",
          "compoundId": ref(ckey(c)), "passRequiredToGoOut": c in PASS_COMPOUNDS})
    emit("080-checkpoints", gk + "-open", "operator", f"/api/v1/checkpoints/{ref(P + gk)}/open")

green = [p for p in persons if expected[p["key"]][0] == "GREEN"]
crossings = {}  # checkpoint key -> [(local datetime, body, why)]


def local(day, hh, mm):
    return datetime.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ZONE)


def crossing(cp, when, direction, person=None, celsius=None, **extra):
    body = {"subject": "PERSON" if person else "VEHICLE", "direction": direction,
            "occurredAt": when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if person:
        body["personId"] = ref(P + person["key"])
        body["temperatureCelsius"] = celsius if celsius is not None else round(rnd.uniform(36.0, 36.9), 1)
    body.update(extra)
    crossings.setdefault(cp, []).append((when, body))


days = [CLOSED_FROM + datetime.timedelta(days=d) for d in range(CROSSING_DAYS)]
for p in persons:  # arrivals through the county's north gate, on the day they came back
    if p["arrival"] in days and p["body"]["transport"] != "自驾":
        crossing(NORTH, local(p["arrival"], rnd.randint(7, 21), rnd.randint(0, 59)), "IN", p)
by_household = {}
for p in persons:
    by_household.setdefault(p["body"]["address"], []).append(p)
for members in by_household.values():  # those who drove back: one vehicle with its occupants
    first = members[0]
    if first["arrival"] in days and first["body"]["transport"] == "自驾":
        plate = "豫R" + "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(5))
        crossing(NORTH, local(first["arrival"], rnd.randint(7, 21), rnd.randint(0, 59)), "IN",
                 plate=plate, occupants=[ref(P + m["key"]) for m in members], occupantCount=len(members))
for day in days:  # errands out of the community: green residents only, back a few hours later
    for who in rnd.sample([p for p in green if p["arrival"] < day], 5):
        out_at = local(day, rnd.randint(8, 15), rnd.randint(0, 59))
        crossing(NORTH, out_at, "OUT", who)
        crossing(NORTH, out_at + datetime.timedelta(minutes=rnd.randint(40, 180)), "IN", who)
    for who in rnd.sample([p for p in green if p["arrival"] < day and p["compound"] not in PASS_COMPOUNDS], 3):
        gate = gate_keys[who["compound"]]
        out_at = local(day, rnd.randint(7, 16), rnd.randint(0, 59))
        crossing(gate, out_at, "OUT", who)
        crossing(gate, out_at + datetime.timedelta(minutes=rnd.randint(30, 150)), "IN", who)
    for who in rnd.sample([p for p in green if p["arrival"] < day and p["compound"] in PASS_COMPOUNDS], 1):
        crossing(gate_keys[who["compound"]], local(day, rnd.randint(17, 20), rnd.randint(0, 59)), "IN", who)
# The refusals the gate must make (each a named rule of checkpoint-service):
breacher = [p for p in quarantined if p is not fever_person and expected[p["key"]][0] == "BLUE"][3]
visit_day, visit_hour = SECRETARY_VISIT
crossing(NORTH, local(visit_day, visit_hour - 1, 41), "OUT", breacher)  # quarantined-may-not-go-out
expected[breacher["key"]] = ("RED", "QUARANTINE_BREACH_ATTEMPTED")  # the registry marks an attempted breach red
red_late = [p for p in contacts if expected[p["key"]] == ("RED", "NOT_REPORTED_IN_TIME")][0]
crossing(NORTH, local(datetime.date(2020, 1, 29), 10, 12), "OUT", red_late)  # red-may-not-go-out
fever_at_gate = green[7]
crossing(NORTH, local(datetime.date(2020, 1, 31), 15, 20), "IN", fever_at_gate, celsius=37.9)  # fever-at-gate
no_pass = [p for p in green if p["compound"] == PASS_COMPOUNDS[0]][0]
crossing(gate_keys[PASS_COMPOUNDS[0]], local(datetime.date(2020, 2, 4), 9, 5), "OUT", no_pass)  # pass-required
for cp, rows in crossings.items():  # each checkpoint's tablet numbers its records in the order they happened
    rows.sort(key=lambda row: row[0])
    tablet = "tablet-" + cp.removeprefix("checkpoint-")
    for seq, (when, body) in enumerate(rows):
        body.update({"tabletId": tablet, "sequence": seq})
        emit("081-crossings", f"{cp}-crossing-{seq:04d}", "operator", f"/api/v1/checkpoints/{ref(P + cp)}/crossings", body)
expected_denials = {"quarantined-may-not-go-out": 1, "red-may-not-go-out": 1, "fever-at-gate": 1, "pass-required": 1}

# Temporary passes must still be valid when issued, so they (and the exits on them) are the days around the load:
# one member of the household out every two days. One household tries a second exit the same day: pass-over-used.
pass_households = []
for c in PASS_COMPOUNDS:
    for hh in [hh for hh in households if hh["compound"] == c
               and all(expected[m["key"]][0] == "GREEN" for m in by_household[
                   f"{COMPOUND_NAMES[c]} {hh['building']}{hh['unit']}{hh['room']}室"])][:2]:
        pass_households.append(hh)
for i, hh in enumerate(pass_households):
    pk = f"pass-{i + 1:02d}-${{today}}"
    member = by_household[f"{COMPOUND_NAMES[hh['compound']]} {hh['building']}{hh['unit']}{hh['room']}室"][0]
    emit("082-passes", pk, "operator", "/api/v1/passes",
         {"compoundId": ref(ckey(hh["compound"])), "householdId": ref(P + hh["key"]), "validFrom": "${today-1d@00:00}",
          "validTo": "${today+13d@00:00}", "maxExits": 1, "periodDays": 2, "note": "临时通行证：每户每两天一人次外出采购"})
    gate = gate_keys[hh["compound"]]
    tablet = f"tablet-pass-{i + 1:02d}-${{today}}"
    trips = [("OUT", "09:30"), ("IN", "11:10")] + ([("OUT", "16:00")] if i == 0 else [])  # the second: over-used
    for seq, (direction, hhmm) in enumerate(trips):
        body = {"tabletId": tablet, "sequence": seq, "subject": "PERSON", "personId": ref(P + member["key"]),
                "direction": direction, "temperatureCelsius": round(rnd.uniform(36.1, 36.8), 1),
                "occurredAt": "${today-1d@" + hhmm + "}"}
        if direction == "OUT":
            body["passId"] = ref(P + pk)
        emit("082-passes", f"{pk}-crossing-{seq}", "operator", f"/api/v1/checkpoints/{ref(P + gate)}/crossings", body)

# --- 090: shifts at the checkpoints today (志愿者轮流值守, so staff can rest) ---------------------------
# A shift may not be planned once over and a check-in only fits the shift running now, so each line is sent
# only while its window ('during') includes the loader's clock: a load at 10:00 plans the 08-16 and 16-24
# shifts and checks in the 08-16 one. Coverage then shows the north gate and one compound gate staffed,
# one understaffed (one of two came), one not on duty (nobody checked in), the other gates without a shift.
section("shifts")
SLOTS = [("00:00", "${today@00:00}", "${today@08:00}"), ("08:00", "${today@08:00}", "${today@16:00}"),
         ("16:00", "${today@16:00}", "${today+1d@00:00}")]
team_of = {}
for tk, team, kind, members in teams:
    for m in members:
        team_of.setdefault(team, []).append(m)
veterans = team_of["第五党员突击队（退役军人）"]  # 周彪 (the pledge letter) is its first member
property_team = team_of["第七党员突击队（物业先锋队）"]
STAFFING = [(NORTH, 3, [veterans[0:3], veterans[3:6], veterans[6:9]], True),
            (gate_keys[3], 2, [property_team[0:2], property_team[2:4], property_team[4:6]], True),
            (gate_keys[4], 2, [property_team[6:7], property_team[7:8], property_team[8:9]], True),
            (gate_keys[5], 2, [property_team[9:11], property_team[11:13], property_team[13:15]], False)]
for cp, _, _, _ in STAFFING:  # volunteer-service learns of checkpoints from their events: wait until it has
    emit("090-shifts", f"{cp}-known-to-volunteers", "operator", f"/api/v1/shifts?checkpointId={ref(P + cp)}",
         method="GET", until="/items")
for cp, headcount, crews, check_in in STAFFING:
    for s, (start, starts_at, ends_at) in enumerate(SLOTS):
        sk = f"shift-{cp.removeprefix('checkpoint-')}-s{s + 1}-${{today}}"
        line_window = ["${today}", ends_at]
        emit("090-shifts", sk, "operator", "/api/v1/shifts",
             {"checkpointId": ref(P + cp), "startsAt": starts_at, "endsAt": ends_at, "requiredHeadcount": headcount})
        files["090-shifts"][-1]["during"] = line_window
        for v in crews[s]:
            emit("090-shifts", f"{sk}-{v}", "operator", f"/api/v1/shifts/{ref(P + sk)}/assignments",
                 {"volunteerId": ref(P + v)})
            files["090-shifts"][-1]["during"] = line_window
        if check_in:
            for v in crews[s]:
                emit("090-shifts", f"{sk}-{v}-check-in", "operator", f"/api/v1/shifts/{ref(P + sk)}/check-ins",
                     {"volunteerId": ref(P + v), "at": "${today@" + start[:3] + "05}"})
                files["090-shifts"][-1]["during"] = [starts_at, ends_at]

# --- write ----------------------------------------------------------------------------------
out = pathlib.Path(__file__).resolve().parent.parent / "data"
out.mkdir(exist_ok=True)
for old in out.glob("*.jsonl"):
    old.unlink()
for f, lines in sorted(files.items()):
    (out / f"{f}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
(out / "expected-checkpoints.json").write_text(json.dumps(
    {"checkpoints": 1 + COMPOUNDS, "crossings2020": sum(len(r) for r in crossings.values()),
     "denials2020ByRule": expected_denials, "passes": len(pass_households)}, ensure_ascii=False, indent=1) + "\n",
    encoding="utf-8")
(out / "expected-colours.json").write_text(json.dumps(
    {P + k: {"colour": v[0], "rule": v[1]} for k, v in sorted(expected.items())}, ensure_ascii=False, indent=1) + "\n",
    encoding="utf-8")
counts = {f: len(lines) for f, lines in sorted(files.items())}
print(counts, sum(counts.values()), "requests;", len(persons), "persons;",
      {c: sum(1 for x in expected.values() if x[0] == c) for c in ("RED", "YELLOW", "BLUE", "GREEN")})
