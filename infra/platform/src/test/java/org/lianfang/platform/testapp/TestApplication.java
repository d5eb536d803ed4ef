package org.lianfang.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny service that exercises the platform the way a real one would. */
@SpringBootApplication
public class TestApplication {
}
