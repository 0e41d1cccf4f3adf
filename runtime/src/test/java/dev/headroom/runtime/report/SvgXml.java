package dev.headroom.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Parses a chart as XML with no DTD and no external entity allowed, and checks that it is the
 * plain SVG the charts promise: an {@code svg} root in the SVG namespace with a title, only
 * shapes and text, no script and no reference to anything outside the file.
 */
public final class SvgXml {
  /** The SVG namespace, the root element's. */
  public static final String NAMESPACE = "http://www.w3.org/2000/svg";

  private static final Set<String> ELEMENTS =
      Set.of("svg", "title", "desc", "rect", "line", "text");

  private SvgXml() {}

  /** Returns {@code svg} parsed, failing the test when it is not well-formed plain SVG. */
  public static Document parse(String svg) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      document = builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    } catch (ParserConfigurationException | SAXException | IOException invalid) {
      throw new AssertionError("not well-formed XML: " + invalid.getMessage() + "\n" + svg,
          invalid);
    }
    Element root = document.getDocumentElement();
    assertEquals("svg", root.getLocalName(), svg);
    assertEquals(NAMESPACE, root.getNamespaceURI(), svg);
    assertEquals("1.1", root.getAttribute("version"), svg);
    assertTrue(root.getElementsByTagNameNS(NAMESPACE, "title").getLength() > 0, "no <title>");
    assertEquals("title", firstElement(root).getLocalName(), "the first child is not <title>");
    NodeList all = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      assertEquals(NAMESPACE, element.getNamespaceURI(), element.getTagName());
      assertTrue(ELEMENTS.contains(element.getLocalName()), "unexpected <"
          + element.getLocalName() + ">");
      NamedNodeMap attributes = element.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        Node attribute = attributes.item(a);
        assertFalse(attribute.getNodeName().contains("href"), attribute.getNodeName());
        assertFalse(attribute.getNodeName().startsWith("on"), attribute.getNodeName());
        assertFalse(attribute.getNodeValue().contains("url("), attribute.getNodeValue());
      }
    }
    return document;
  }

  /** Returns the element whose {@code id} is {@code id}; fails when there is none. */
  public static Element byId(Document document, String id) {
    NodeList all = document.getElementsByTagNameNS(NAMESPACE, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (id.equals(element.getAttribute("id"))) {
        return element;
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  /** Returns a numeric attribute of {@code element}. */
  public static double number(Element element, String attribute) {
    String value = element.getAttribute(attribute);
    assertFalse(value.isEmpty(), element.getTagName() + " has no " + attribute);
    return Double.parseDouble(value);
  }

  /** Returns the text of the root's {@code <title>}. */
  public static String title(Document document) {
    return document.getDocumentElement().getElementsByTagNameNS(NAMESPACE, "title").item(0)
        .getTextContent();
  }

  private static Element firstElement(Element parent) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return element;
      }
    }
    throw new AssertionError("<svg> is empty");
  }
}
