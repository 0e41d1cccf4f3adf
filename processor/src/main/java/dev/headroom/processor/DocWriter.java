package dev.headroom.processor;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes a design's doc and JSON report beside its classes, and to the {@code headroom.docs}
 * directory when the build names one.
 */
final class DocWriter {
  private final Filer filer;
  private final Path docsDirectory;

  /** Creates a writer; {@code docsDirectory} is null when no {@code headroom.docs} was given. */
  DocWriter(Filer filer, Path docsDirectory) {
    this.filer = filer;
    this.docsDirectory = docsDirectory;
  }

  /**
   * Writes {@code content} as {@code packageName/fileName} in the class output, and under the docs
   * directory when there is one; returns where it went in the class output.
   */
  URI write(String packageName, String fileName, String content, Element... originating)
      throws IOException {
    FileObject resource =
        filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, fileName, originating);
    try (Writer writer = resource.openWriter()) {
      writer.write(content);
    }
    if (docsDirectory != null) {
      Path directory = docsDirectory;
      if (!packageName.isEmpty()) {
        directory = directory.resolve(packageName.replace('.', '/'));
      }
      Files.createDirectories(directory);
      Path file = directory.resolve(fileName);
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
        Files.write(file, bytes);
      }
    }
    return resource.toUri();
  }
}
