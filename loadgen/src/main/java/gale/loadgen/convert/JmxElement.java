package gale.loadgen.convert;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One element of a JMeter plan and the elements under it: JMeter writes each test element followed by a
 * {@code <hashTree>} that holds its children, and its settings as {@code stringProp}, {@code boolProp},
 * {@code intProp}, {@code longProp}, {@code elementProp} and {@code collectionProp} named by {@code name}.
 */
record JmxElement(Element element, List<JmxElement> children, String path) {

    String testClass() {
        return element.getTagName();
    }

    String name() {
        return element.getAttribute("testname");
    }

    boolean enabled() {
        return !"false".equals(element.getAttribute("enabled"));
    }

    /** A property's text by its name, searched in this element and its elementProps; null when absent. */
    String prop(String name) {
        Element e = find(element, name);
        return e == null ? null : e.getTextContent().trim();
    }

    String prop(String name, String otherwise) {
        String v = prop(name);
        return v == null || v.isEmpty() ? otherwise : v;
    }

    /** The {@code elementProp}s of a {@code collectionProp} named {@code name} (arguments, headers, test strings). */
    List<Element> collection(String name) {
        Element c = find(element, name);
        List<Element> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static String propOf(Element e, String name) {
        Element p = find(e, name);
        return p == null ? "" : p.getTextContent().trim();
    }

    private static Element find(Element root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (name.equals(e.getAttribute("name"))) {
                    return e;
                }
                if (e.getTagName().equals("elementProp")) {
                    Element inner = find(e, name);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
        }
        return null;
    }

    /** Reads the element/hashTree pairs under {@code tree}. */
    static List<JmxElement> children(Element tree, String parentPath) {
        List<JmxElement> out = new ArrayList<>();
        Element pending = null;
        for (Node n = tree.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            if (e.getTagName().equals("hashTree")) {
                if (pending != null) {
                    String path = parentPath + "/" + pending.getAttribute("testname");
                    out.add(new JmxElement(pending, children(e, path), path));
                    pending = null;
                }
            } else {
                if (pending != null) {
                    String path = parentPath + "/" + pending.getAttribute("testname");
                    out.add(new JmxElement(pending, List.of(), path));
                }
                pending = e;
            }
        }
        if (pending != null) {
            String path = parentPath + "/" + pending.getAttribute("testname");
            out.add(new JmxElement(pending, List.of(), path));
        }
        return out;
    }
}
