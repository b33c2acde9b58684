package dev.wireplug.adapters.nat.upnp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The JDK's DOM parser with doctypes refused outright, external entities and XInclude off and
 * secure processing on (OWASP XXE cheat sheet): everything here comes from the LAN, unauthenticated.
 */
final class SecureXml {
    static final int MAX_DOCUMENT = 256 * 1024;

    private SecureXml() {}

    static Document parse(byte[] xml) throws UpnpException {
        if (xml.length > MAX_DOCUMENT) {
            throw new UpnpException("XML document of " + xml.length + " bytes is too large");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a security feature", e);
        } catch (SAXException | IOException e) {
            throw new UpnpException("malformed XML: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The JDK parser reports some malformed input with unchecked exceptions.
            throw new UpnpException("malformed XML: " + e, e);
        }
    }
}
