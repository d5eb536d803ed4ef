package org.lianfang.platform.testapp;

import java.util.List;
import java.util.Map;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers personal data as a service would, for the field-masking tests. */
@RestController
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class PersonalDataController {

    record Resident(String name, String phone, String residentIdNumber, List<Map<String, String>> contacts) {
    }

    @GetMapping("/api/v1/residents/r-1")
    Resident resident() {
        return new Resident("赵超（示例）", "13800001234", "411324199001011234",
                List.of(Map.of("emergencyPhone", "13900005678", "relation", "spouse")));
    }
}
