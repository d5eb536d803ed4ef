package org.lianfang.quarantine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Home quarantine (居家隔离): 14-day timelines, temperature and symptom records, missed checks, fever referrals. Its domain is issue 5; this is the frame it hangs in.
 */
@SpringBootApplication
public class QuarantineApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuarantineApplication.class, args);
    }
}
