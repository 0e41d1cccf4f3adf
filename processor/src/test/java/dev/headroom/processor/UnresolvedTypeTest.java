package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.count;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Checks that a type which never resolves is javac's error plus one Headroom error, no trace. */
class UnresolvedTypeTest {

  @Test
  void missingModelClassIsCompilerErrorAndOneUnresolvedError() {
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("model = Llama70B.class", "model = Missing.class")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(design)
        .onLineContaining("model = Missing.class");
    assertThat(compilation)
        .hadErrorContaining("[headroom.unresolved] @Fleet(model = ")
        .inFile(design)
        .onLineContaining("model = Missing.class");
    assertThat(compilation)
        .hadErrorContaining("could not be resolved, so the design was not sized");
    assertThat(count(compilation.errors(), "[headroom.unresolved]")).isEqualTo(1);
    assertThat(count(compilation.errors(), "[headroom.internal]")).isEqualTo(0);
    assertThat(count(compilation.diagnostics(), "Exception")).isEqualTo(0);
  }

  @Test
  void missingModelInOneDesignLeavesOtherDesignSized() {
    Compilation compilation = compile(
        DesignSource.platform("Broken")
            .replace("model = Llama70B.class", "model = Missing.class")
            .file(),
        DesignSource.platform("Sound").file());

    assertThat(compilation).failed();
    assertThat(count(compilation.errors(), "[headroom.unresolved]")).isEqualTo(1);
    assertThat(count(compilation.notes(), "[headroom.summary] Sound: pass.")).isEqualTo(1);
  }
}
