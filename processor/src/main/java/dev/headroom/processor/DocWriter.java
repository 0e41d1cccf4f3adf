package dev.headroom.processor;

import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes a design's doc, JSON report and charts beside its classes, and to the {@code
 * headroom.docs} directory when the build names one.
 */
final class DocWriter {
  private final Filer filer;
  private final Path docsDirectory;
  private final Messager messager;
  private boolean docsFailed;

  /** Creates a writer; {@code docsDirectory} is null when no {@code headroom.docs} was given. */
  DocWriter(Filer filer, Path docsDirectory, Messager messager) {
    this.filer = filer;
    this.docsDirectory = docsDirectory;
    this.messager = messager;
  }

  /**
   * Writes {@code content} in UTF-8 as {@code packageName/fileName} in the class output, and
   * under the docs directory when there is one; returns where it went in the class output. A
   * docs directory that cannot be written is one error for the whole compilation.
   */
  URI write(String packageName, String fileName, String content, Element... originating)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    FileObject resource =
        filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, fileName, originating);
    try (OutputStream out = resource.openOutputStream()) {
      out.write(bytes);
    }
    if (docsDirectory != null && !docsFailed) {
      Path directory = docsDirectory;
      if (!packageName.isEmpty()) {
        directory = directory.resolve(packageName.replace('.', '/'));
      }
      Path file = directory.resolve(fileName);
      try {
        Files.createDirectories(directory);
        if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
          Files.write(file, bytes);
        }
      } catch (IOException | SecurityException failure) {
        docsFailed = true;
        Finding finding = Diagnostic.DOCS_DIRECTORY.at(Subject.whole(Anchor.DESIGN),
            file.toString(), failure.getClass().getSimpleName() + ": " + failure.getMessage());
        messager.printMessage(Kind.ERROR, finding.formatted());
      }
    }
    return resource.toUri();
  }
}
