package dev.headroom.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The container javac writes when a type carries more than one {@link EvalGate}; write the
 * gates themselves instead.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EvalGates {
  /** The gates, in the order they are written. */
  EvalGate[] value();
}
