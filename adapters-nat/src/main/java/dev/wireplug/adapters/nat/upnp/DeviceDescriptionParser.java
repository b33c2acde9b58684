package dev.wireplug.adapters.nat.upnp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Finds the WAN connection services in an IGD device description (UDA 1.1 section 2.3) and
 * resolves each controlURL against URLBase, or against the LOCATION the description came from.
 */
public final class DeviceDescriptionParser {
    private DeviceDescriptionParser() {}

    /** The WAN services, best first (WANIPConnection:2, :1, WANPPPConnection:1); may be empty. */
    public static List<WanService> wanServices(byte[] xml, URI location) throws UpnpException {
        Document doc = SecureXml.parse(xml);
        Element root = doc.getDocumentElement();
        if (root == null || !"root".equals(localName(root))) {
            throw new UpnpException("device description without a <root> element");
        }
        URI base = location;
        Optional<String> urlBase = childText(root, "URLBase");
        if (urlBase.isPresent() && !urlBase.get().isBlank()) {
            base = uri(urlBase.get().strip());
        }
        List<WanService> found = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "service");
        for (int i = 0; i < all.getLength(); i++) {
            Element service = (Element) all.item(i);
            Optional<String> type = childText(service, "serviceType").map(String::strip);
            Optional<String> control = childText(service, "controlURL").map(String::strip);
            if (type.isEmpty() || control.isEmpty() || control.get().isEmpty()) {
                continue;
            }
            WanService candidate;
            try {
                candidate = new WanService(type.get(), resolve(base, control.get()));
            } catch (UpnpException e) {
                continue;
            }
            if (candidate.preference() < 3) {
                found.add(candidate);
            }
        }
        found.sort(Comparator.comparingInt(WanService::preference));
        return List.copyOf(found);
    }

    private static URI resolve(URI base, String control) throws UpnpException {
        // Routers write "uuid:.../WANPPPConnection:1" relative paths that URI would read as a
        // "uuid" scheme, so only an explicit http prefix counts as absolute (as in miniupnpc).
        boolean absolute = control.regionMatches(true, 0, "http://", 0, 7);
        URI resolved = absolute ? uri(control) : base.resolve(uri(control.startsWith("/") ? control : "/" + control));
        if (!"http".equalsIgnoreCase(resolved.getScheme()) || resolved.getHost() == null) {
            throw new UpnpException("control URL '" + resolved + "' is not http");
        }
        return resolved;
    }

    private static URI uri(String s) throws UpnpException {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new UpnpException("bad URL '" + s + "'", e);
        }
    }

    static Optional<String> childText(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE && name.equals(localName(n))) {
                return Optional.of(n.getTextContent());
            }
        }
        return Optional.empty();
    }

    static String localName(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }
}
