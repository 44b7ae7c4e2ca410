package io.ward.capture.dissect.poct;

import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one POCT1-A2 XML message (CLSI POCT1-A2, Device Messaging Layer) with a StAX reader that
 * refuses DTDs and external entities, so a hostile device cannot make Ward fetch or expand
 * anything. Values are the {@code V} attributes of the data elements (POCT1-A "V" convention).
 */
final class PoctParser {

  /** Deeper nesting than any POCT1-A message has ends the parse. */
  static final int MAX_DEPTH = 32;

  /** Elements read per message; observation lists can be long, the device block comes first. */
  static final int MAX_ELEMENTS = 20_000;

  /** Device attributes kept (POCT1-A2 DEV topic). */
  static final Set<String> DEVICE_FIELDS =
      Set.of(
          "DEV.device_id",
          "DEV.vendor_id",
          "DEV.model_id",
          "DEV.serial_id",
          "DEV.manufacturer_name",
          "DEV.hw_version",
          "DEV.sw_version");

  /**
   * Woodstox, not the JDK's own StAX parser: under the C1 compiler Ward analyses with, the JDK's
   * parser took about 11 µs a message even with its reader reused (its reset looks up every
   * security limit by name), Woodstox about 3 µs (the simulator's messages, measured). One factory
   * per thread, so that worker threads never share its symbol table.
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(PoctParser::hardenedFactory);

  private PoctParser() {}

  /** Outcome: the message, or the anomaly kind explaining why not. */
  record Result(Optional<PoctMessage> message, Optional<String> anomaly) {}

  static Result parse(byte[] bytes, int offset, int length) {
    return parse(bytes, offset, length, FACTORY.get());
  }

  /** With a given factory: tests compare with the JDK's, hardened alike. */
  static Result parse(byte[] bytes, int offset, int length, XMLInputFactory factory) {
    String root = null;
    Map<String, String> device = new HashMap<>();
    boolean patient = false;
    XMLStreamReader r = null;
    try {
      r = factory.createXMLStreamReader(new ByteArrayInputStream(bytes, offset, length));
      int depth = 0;
      int elements = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          return failed("poct.dtd");
        }
        if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
          continue;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (++depth > MAX_DEPTH || ++elements > MAX_ELEMENTS) {
          return failed("poct.too_complex");
        }
        String name = r.getLocalName();
        if (root == null) {
          root = name;
        }
        if (name.equals("PT") || name.startsWith("PT.")) {
          patient = true;
        } else if (DEVICE_FIELDS.contains(name)) {
          String v = r.getAttributeValue(null, "V");
          if (v != null && !clean(v).isEmpty()) {
            device.putIfAbsent(name, clean(v));
          }
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      // RuntimeException: the JDK's StAX implementation throws unchecked errors on some inputs.
      return failed("poct.bad_xml");
    } finally {
      close(r);
    }
    if (root == null) {
      return failed("poct.bad_xml");
    }
    return new Result(Optional.of(new PoctMessage(root, device, patient)), Optional.empty());
  }

  private static Result failed(String kind) {
    return new Result(Optional.empty(), Optional.of(kind));
  }

  private static void close(XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // nothing held beyond the byte array
      }
    }
  }

  /** A factory that reads no DTD and no external entity, whatever the message asks for. */
  static XMLInputFactory hardenedFactory() {
    return harden(new WstxInputFactory());
  }

  /**
   * {@code f} set to read no DTD and no external entity (tests harden the JDK's factory the same
   * way, as the reference to compare with).
   */
  static XMLInputFactory harden(XMLInputFactory f) {
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resources are not loaded: " + systemId);
        });
    return f;
  }

  static String clean(String s) {
    if (noControl(s)) {
      return s.strip(); // the usual case, without a copy a character at a time
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isISOControl(c)) {
        sb.append(c);
      }
    }
    return sb.toString().strip();
  }

  private static boolean noControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
