package org.lianfang.volunteer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Volunteers (志愿者): teams, checkpoint shifts, contact-free deliveries (敲门不见面), disinfection rounds. Its domain is issue 7; this is the frame it hangs in.
 */
@SpringBootApplication
public class VolunteerApplication {

    public static void main(String[] args) {
        SpringApplication.run(VolunteerApplication.class, args);
    }
}
