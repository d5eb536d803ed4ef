package org.lianfang.volunteer.statistics.web;

import jakarta.validation.constraints.Size;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.statistics.query.StatisticsQueries;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Requests;
import org.lianfang.volunteer.volunteer.query.DirectoryQueries;
import org.lianfang.volunteer.volunteer.query.TeamView;
import org.lianfang.volunteer.volunteer.query.VolunteerView;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service statistics: person-times (人次), hours and households served, per volunteer, team and community. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class StatisticsController {

    private final StatisticsQueries statistics;
    private final DirectoryQueries directory;

    StatisticsController(StatisticsQueries statistics, DirectoryQueries directory) {
        this.statistics = statistics;
        this.directory = directory;
    }

    /** Statistics of one subject. */
    record SubjectStatistics(String subject, String id, StatisticsQueries.Statistics statistics) {
    }

    @GetMapping("/volunteers/{id}/statistics")
    SubjectStatistics volunteer(@PathVariable String id) {
        VolunteerView volunteer = directory.volunteer(id).orElseThrow(() -> ResourceNotFoundException.of("volunteer", id));
        Requests.caller().requireCovers(volunteer.communityId());
        return new SubjectStatistics("volunteer", id, statistics.ofVolunteer(id));
    }

    @GetMapping("/teams/{id}/statistics")
    SubjectStatistics team(@PathVariable String id) {
        TeamView team = directory.team(id).orElseThrow(() -> ResourceNotFoundException.of("team", id));
        Requests.caller().requireCovers(team.communityId());
        return new SubjectStatistics("team", id, statistics.ofTeam(id));
    }

    @GetMapping("/volunteers/statistics")
    SubjectStatistics community(@RequestParam(required = false) @Size(max = 128) String communityId) {
        String community = Jurisdiction.readingCommunity(communityId);
        return new SubjectStatistics("community", community, statistics.ofCommunity(community));
    }
}
