package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.ManifestException;
import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One streaming pass over a manifest with the JDK's StAX {@link XMLStreamReader}: each element's start (local name,
 * attributes by local name, line) and end reach a {@link Handler}; nothing of the document is kept here, so the pass
 * itself costs the reader's buffers and one frame per open element, not a tree.
 *
 * <p><b>Hardening.</b> A DOCTYPE (DTD) or an entity reference ends the pass with a {@link ManifestException}, and
 * external entities are never resolved (no manifest can make the parser read a file or the network: XXE, billion
 * laughs). StAX has no XInclude processing, so an {@code xi:include} element is an ordinary, ignored element. Bounds,
 * each a {@link ManifestException} when passed: {@link #MAX_DEPTH} nested elements, {@link #MAX_ATTRIBUTES}
 * attributes on one element, {@link #MAX_ELEMENTS} elements in one document. Text content is not read (manifests
 * carry their data in attributes). Stateless and thread-safe; a handler sees one document on one thread.
 */
final class ManifestXml {
    /** The deepest element nesting accepted (manifests use about 8 levels; a bound for hostile input). */
    static final int MAX_DEPTH = 64;
    /** The most attributes on one element (the richest manifest element, {@code <event>}, has 11 in the schema). */
    static final int MAX_ATTRIBUTES = 256;
    /** The most elements in one document (ClrEtwAll.man has about 7,000; a 64 MiB manifest of empty ones, 16 Mi). */
    static final int MAX_ELEMENTS = 1 << 22;

    private ManifestXml() {
    }

    /** What a pass reports. Attributes are valid only during the {@link #start} call that receives them. */
    interface Handler {
        /** An element starts, {@code depth} 0 being the root. */
        void start(String localName, Attributes attributes, int line, int depth);

        /** The element started last and not yet ended ends. */
        void end();
    }

    /** The attributes of the element being started, by local name; the first one of a local name wins. */
    static final class Attributes {
        private final XMLStreamReader r;

        private Attributes(XMLStreamReader r) {
            this.r = r;
        }

        /** The value of attribute {@code localName}, or null. */
        String get(String localName) {
            for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                if (r.getAttributeLocalName(i).equals(localName)) {
                    return r.getAttributeValue(i);
                }
            }
            return null;
        }
    }

    /**
     * Reads {@code xml} start to end into {@code handler}.
     *
     * @throws ManifestException if it is not well-formed, has a DTD or an entity reference, passes a bound or has no
     *                           root element
     */
    static void read(byte[] xml, String source, Handler handler) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entity " + systemId + " refused");
        });
        XMLStreamReader r = null;
        int depth = 0;
        int elements = 0;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            Attributes attributes = new Attributes(r);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw refused(source, r, "a DOCTYPE (DTD) is not allowed in a manifest");
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw refused(source, r, "entity reference &" + r.getLocalName() + "; is not allowed in a manifest");
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (depth >= MAX_DEPTH) {
                        throw refused(source, r, "elements nested deeper than " + MAX_DEPTH);
                    }
                    if (++elements > MAX_ELEMENTS) {
                        throw refused(source, r, "more than " + MAX_ELEMENTS + " elements");
                    }
                    if (r.getAttributeCount() > MAX_ATTRIBUTES) {
                        throw refused(source, r, "an element with more than " + MAX_ATTRIBUTES + " attributes");
                    }
                    handler.start(r.getLocalName(), attributes, r.getLocation().getLineNumber(), depth++);
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    handler.end();
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new ManifestException(source, line, "not well-formed XML: " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw e; // ours, with its line: not to be wrapped as the parser's
        } catch (RuntimeException e) {
            // The JDK's parser reports some malformed input as unchecked exceptions; it is still bad XML.
            throw new ManifestException(source, -1, "not well-formed XML: " + e, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
        if (elements == 0) {
            throw new ManifestException(source, -1, "no root element", null);
        }
    }

    private static ManifestException refused(String source, XMLStreamReader r, String what) {
        return new ManifestException(source, r.getLocation().getLineNumber(), what, null);
    }
}
