package dev.wireplug.adapters.nat.upnp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * SOAP 1.1 control messages for the WAN*Connection services. The envelope is the one miniupnpc
 * sends (miniupnpc.c simpleUPnPcommand); arguments go in the order the service description lists
 * them, which some routers insist on.
 */
public final class SoapCodec {
    static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    /** One in-argument, kept in order. */
    public record Argument(String name, String value) {}

    private SoapCodec() {}

    public static String soapActionHeader(String serviceType, String action) {
        return "\"" + serviceType + "#" + action + "\"";
    }

    public static String contentType() {
        return "text/xml; charset=\"utf-8\"";
    }

    public static byte[] request(String serviceType, String action, List<Argument> arguments) {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\"?>\r\n")
                .append("<s:Envelope xmlns:s=\"").append(ENVELOPE_NS).append("\" ")
                .append("s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">")
                .append("<s:Body><u:").append(action).append(" xmlns:u=\"").append(escape(serviceType)).append("\">");
        for (Argument a : arguments) {
            s.append('<').append(a.name()).append('>').append(escape(a.value())).append("</").append(a.name()).append('>');
        }
        s.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] addPortMapping(String serviceType, int externalPort, String protocol, int internalPort,
            String internalClient, String description, long leaseSeconds) {
        return request(serviceType, "AddPortMapping", mappingArgs(externalPort, protocol, internalPort,
                internalClient, description, leaseSeconds));
    }

    public static byte[] addAnyPortMapping(String serviceType, int externalPort, String protocol, int internalPort,
            String internalClient, String description, long leaseSeconds) {
        return request(serviceType, "AddAnyPortMapping", mappingArgs(externalPort, protocol, internalPort,
                internalClient, description, leaseSeconds));
    }

    public static byte[] deletePortMapping(String serviceType, int externalPort, String protocol) {
        return request(serviceType, "DeletePortMapping", List.of(
                new Argument("NewRemoteHost", ""),
                new Argument("NewExternalPort", Integer.toString(externalPort)),
                new Argument("NewProtocol", protocol)));
    }

    public static byte[] getExternalIpAddress(String serviceType) {
        return request(serviceType, "GetExternalIPAddress", List.of());
    }

    private static List<Argument> mappingArgs(int externalPort, String protocol, int internalPort,
            String internalClient, String description, long leaseSeconds) {
        if (externalPort < 1024 || externalPort > 65535) {
            throw new IllegalArgumentException("never ask for external port " + externalPort + " (1024-65535)");
        }
        return List.of(
                new Argument("NewRemoteHost", ""),
                new Argument("NewExternalPort", Integer.toString(externalPort)),
                new Argument("NewProtocol", protocol),
                new Argument("NewInternalPort", Integer.toString(internalPort)),
                new Argument("NewInternalClient", internalClient),
                new Argument("NewEnabled", "1"),
                new Argument("NewPortMappingDescription", description),
                new Argument("NewLeaseDuration", Long.toString(leaseSeconds)));
    }

    /**
     * Reads a control reply: a {@code <u:ActionResponse>} body (HTTP 200) or a fault carrying
     * UPnPError (HTTP 500). Any other shape is an {@link UpnpException}.
     */
    public static SoapResult parseResponse(int httpStatus, byte[] body, String action) throws UpnpException {
        if (body.length == 0) {
            throw new UpnpException("empty SOAP reply, HTTP " + httpStatus);
        }
        Document doc = SecureXml.parse(body);
        Element envelope = doc.getDocumentElement();
        if (!"Envelope".equals(DeviceDescriptionParser.localName(envelope))) {
            throw new UpnpException("SOAP reply without an Envelope, HTTP " + httpStatus);
        }
        Element soapBody = firstChild(envelope, "Body")
                .orElseThrow(() -> new UpnpException("SOAP reply without a Body, HTTP " + httpStatus));
        Optional<Element> fault = firstChild(soapBody, "Fault");
        if (fault.isPresent()) {
            NodeList codes = fault.get().getElementsByTagNameNS("*", "errorCode");
            if (codes.getLength() == 0) {
                throw new UpnpException("SOAP fault without a UPnPError code, HTTP " + httpStatus);
            }
            String code = codes.item(0).getTextContent().strip();
            NodeList descs = fault.get().getElementsByTagNameNS("*", "errorDescription");
            String desc = descs.getLength() > 0 ? descs.item(0).getTextContent().strip() : "";
            try {
                return new SoapResult.Fault(Integer.parseInt(code), desc);
            } catch (NumberFormatException e) {
                throw new UpnpException("UPnPError code '" + code + "' is not a number");
            }
        }
        if (httpStatus != 200) {
            throw new UpnpException("HTTP " + httpStatus + " without a SOAP fault");
        }
        Element response = firstChild(soapBody, action + "Response")
                .orElseThrow(() -> new UpnpException("SOAP reply without " + action + "Response"));
        Map<String, String> args = new LinkedHashMap<>();
        NodeList children = response.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                args.put(DeviceDescriptionParser.localName(n), n.getTextContent().strip());
            }
        }
        return new SoapResult.Success(args);
    }

    private static Optional<Element> firstChild(Element parent, String localName) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(DeviceDescriptionParser.localName(n))) {
                return Optional.of((Element) n);
            }
        }
        return Optional.empty();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
