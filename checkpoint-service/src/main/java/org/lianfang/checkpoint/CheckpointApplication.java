package org.lianfang.checkpoint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Road and gate checkpoints (设卡防控): crossings of people and vehicles, temporary passes. Its domain is issue 6; this is the frame it hangs in.
 */
@SpringBootApplication
public class CheckpointApplication {

    public static void main(String[] args) {
        SpringApplication.run(CheckpointApplication.class, args);
    }
}
