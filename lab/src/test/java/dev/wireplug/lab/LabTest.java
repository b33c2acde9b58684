package dev.wireplug.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs root and the lab (network namespaces, nftables, wireguard-go...). Tagged
 * {@code lab} ({@code -Dlab.skip=true} leaves these out); where the machine cannot run them, they
 * FAIL naming what is missing, never skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@ExtendWith(LabPreconditions.class)
public @interface LabTest {
}
