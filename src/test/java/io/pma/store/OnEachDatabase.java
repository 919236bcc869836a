package io.pma.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A repository test run on every database of {@link SqlStoresTest#databases}: its parameters are
 * the database's name and a supplier that opens a fresh one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.pma.store.SqlStoresTest#databases")
@interface OnEachDatabase {}
