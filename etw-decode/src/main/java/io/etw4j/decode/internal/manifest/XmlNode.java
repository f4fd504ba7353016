package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.ManifestException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A minimal element tree read with the JDK's StAX: local names, attributes by local name, children, line numbers.
 * DTDs are refused (a DOCTYPE gives a {@link ManifestException}) and external entities are never resolved, so no
 * manifest can make the parser read a file or the network (XXE). Text content is not kept (manifests carry their data
 * in attributes). Not thread-safe while being built; immutable in use.
 */
final class XmlNode {
    /** The deepest element nesting accepted (manifests use about 8 levels; a bound for hostile input). */
    static final int MAX_DEPTH = 64;

    final String name;
    final Map<String, String> attributes;
    final List<XmlNode> children = new ArrayList<>();
    final int line;

    private XmlNode(String name, Map<String, String> attributes, int line) {
        this.name = name;
        this.attributes = attributes;
        this.line = line;
    }

    /** The value of attribute {@code localName}, or null. */
    String attr(String localName) {
        return attributes.get(localName);
    }

    /** The children named {@code localName}, in document order. */
    List<XmlNode> children(String localName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(localName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first child named {@code localName}, or null. */
    XmlNode child(String localName) {
        for (XmlNode c : children) {
            if (c.name.equals(localName)) {
                return c;
            }
        }
        return null;
    }

    /** Every descendant (not this node) named {@code localName}, in document order. */
    List<XmlNode> descendants(String localName) {
        List<XmlNode> out = new ArrayList<>();
        collect(localName, out);
        return out;
    }

    private void collect(String localName, List<XmlNode> out) {
        for (XmlNode c : children) {
            if (c.name.equals(localName)) {
                out.add(c);
            }
            c.collect(localName, out);
        }
    }

    /** Reads {@code xml} into a tree; refuses DTDs and anything not well-formed. */
    static XmlNode parse(byte[] xml, String source) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entity " + systemId + " refused");
        });
        XMLStreamReader r = null;
        List<XmlNode> stack = new ArrayList<>();
        XmlNode root = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new ManifestException(source, r.getLocation().getLineNumber(),
                            "a DOCTYPE (DTD) is not allowed in a manifest", null);
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new ManifestException(source, r.getLocation().getLineNumber(),
                            "entity reference &" + r.getLocalName() + "; is not allowed in a manifest", null);
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (stack.size() >= MAX_DEPTH) {
                        throw new ManifestException(source, r.getLocation().getLineNumber(),
                                "elements nested deeper than " + MAX_DEPTH, null);
                    }
                    Map<String, String> attrs = new HashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.putIfAbsent(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    XmlNode n = new XmlNode(r.getLocalName(), Collections.unmodifiableMap(attrs),
                            r.getLocation().getLineNumber());
                    if (stack.isEmpty()) {
                        root = n;
                    } else {
                        stack.get(stack.size() - 1).children.add(n);
                    }
                    stack.add(n);
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
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
        if (root == null) {
            throw new ManifestException(source, -1, "no root element", null);
        }
        return root;
    }
}
