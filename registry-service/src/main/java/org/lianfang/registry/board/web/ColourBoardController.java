package org.lianfang.registry.board.web;

import java.util.List;
import java.util.Map;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.person.query.PersonIndex;
import org.lianfang.registry.security.Jurisdiction;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The four-colour board (四色图): how many persons per compound × colour × origin, and how many each
 * owner has, for the caller's community (every community for the county). Counted from the keyed
 * person index, which a rebuild from scratch restores exactly.
 */
@RestController
@RequestMapping(path = "/api/v1/boards/colours", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class ColourBoardController {

    private final PersonIndex index;

    ColourBoardController(PersonIndex index) {
        this.index = index;
    }

    /** The board: non-zero cells, and per community the persons each owner has. */
    record Board(List<PersonIndex.Count> cells, Map<String, Map<String, Integer>> owners) {
    }

    @GetMapping
    Board board() {
        String community = Jurisdiction.listedCommunity();
        return new Board(index.counts(community), index.ownerCounts(community));
    }
}
