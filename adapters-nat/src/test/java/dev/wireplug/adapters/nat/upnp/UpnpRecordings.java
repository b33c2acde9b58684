package dev.wireplug.adapters.nat.upnp;

/**
 * Replies as miniupnpd 2.3.x sends them: the SSDP answer of minissdp.c SendSSDPResponse, the
 * IGDv2 root description of upnpdescgen.c (./configure --igd2), the SOAP bodies of upnpsoap.c
 * (BodyBuilder and SoapError, which answers HTTP 500 with a UPnPError), plus the shape of an
 * IGDv1 router with both WANIPConnection:1 and WANPPPConnection:1 and a relative URLBase.
 */
final class UpnpRecordings {
    private UpnpRecordings() {}

    static final String SSDP_IGD2 = "HTTP/1.1 200 OK\r\n"
            + "CACHE-CONTROL: max-age=120\r\n"
            + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n"
            + "USN: uuid:3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b::urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n"
            + "EXT:\r\n"
            + "SERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.9\r\n"
            + "LOCATION: http://10.0.1.1:39263/rootDesc.xml\r\n"
            + "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n"
            + "01-NLS: 1\r\n"
            + "BOOTID.UPNP.ORG: 1\r\n"
            + "CONFIGID.UPNP.ORG: 1337\r\n"
            + "\r\n";

    static final String ROOT_DESC_IGD2 = "<?xml version=\"1.0\"?>\r\n"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\" configId=\"1337\">"
            + "<specVersion><major>1</major><minor>1</minor></specVersion>"
            + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:2</deviceType>"
            + "<friendlyName>MiniUPnPd router</friendlyName>"
            + "<serviceList><service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType>"
            + "<serviceId>urn:upnp-org:serviceId:L3Forwarding1</serviceId><SCPDURL>/L3F.xml</SCPDURL>"
            + "<controlURL>/ctl/L3F</controlURL><eventSubURL>/evt/L3F</eventSubURL></service></serviceList>"
            + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:2</deviceType>"
            + "<serviceList><service><serviceType>urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1</serviceType>"
            + "<serviceId>urn:upnp-org:serviceId:WANCommonIFC1</serviceId><SCPDURL>/WANCfg.xml</SCPDURL>"
            + "<controlURL>/ctl/CmnIfCfg</controlURL><eventSubURL>/evt/CmnIfCfg</eventSubURL></service></serviceList>"
            + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:2</deviceType>"
            + "<serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:2</serviceType>"
            + "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><SCPDURL>/WANIPCn.xml</SCPDURL>"
            + "<controlURL>/ctl/IPConn</controlURL><eventSubURL>/evt/IPConn</eventSubURL></service>"
            + "<service><serviceType>urn:schemas-upnp-org:service:WANIPv6FirewallControl:1</serviceType>"
            + "<serviceId>urn:upnp-org:serviceId:WANIPv6Firewall1</serviceId><SCPDURL>/WANIP6FC.xml</SCPDURL>"
            + "<controlURL>/ctl/IP6FCtl</controlURL><eventSubURL>/evt/IP6FCtl</eventSubURL></service>"
            + "</serviceList></device></deviceList></device></deviceList>"
            + "<presentationURL>http://10.0.1.1/</presentationURL></device></root>\r\n";

    static final String ROOT_DESC_IGD1_PPP_AND_IP = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
            + "<URLBase>http://192.168.1.1:5431/</URLBase>"
            + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
            + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>"
            + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>"
            + "<serviceList>"
            + "<service><serviceType>urn:schemas-upnp-org:service:WANPPPConnection:1</serviceType>"
            + "<controlURL>uuid:0000e068-20a0-00e0-20a0-48a8000808e0/WANPPPConnection:1</controlURL></service>"
            + "<service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
            + "<controlURL>/uuid:0000e068-20a0-00e0-20a0-48a802086048/WANIPConnection:1</controlURL></service>"
            + "</serviceList></device></deviceList></device></deviceList></device></root>";

    static final String ENVELOPE_OPEN = "<?xml version=\"1.0\"?>\r\n"
            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>";
    static final String ENVELOPE_CLOSE = "</s:Body></s:Envelope>\r\n";

    static String fault(int code, String description) {
        return "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><s:Fault>"
                + "<faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
                + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" + code + "</errorCode>"
                + "<errorDescription>" + description + "</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>";
    }

    static final String FAULT_606 = fault(606, "Action not authorized");
    static final String FAULT_718 = fault(718, "ConflictInMappingEntry");
    static final String FAULT_725 = fault(725, "OnlyPermanentLeasesSupported");

    static final String EXTERNAL_IP_EMPTY = ENVELOPE_OPEN
            + "<u:GetExternalIPAddressResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
            + "<NewExternalIPAddress></NewExternalIPAddress></u:GetExternalIPAddressResponse>" + ENVELOPE_CLOSE;

    static final String EXTERNAL_IP = ENVELOPE_OPEN
            + "<u:GetExternalIPAddressResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
            + "<NewExternalIPAddress>198.18.0.1</NewExternalIPAddress></u:GetExternalIPAddressResponse>" + ENVELOPE_CLOSE;

    static final String ADD_ANY_RESPONSE = ENVELOPE_OPEN
            + "<u:AddAnyPortMappingResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
            + "<NewReservedPort>51821</NewReservedPort></u:AddAnyPortMappingResponse>" + ENVELOPE_CLOSE;

    static final String ADD_RESPONSE = ENVELOPE_OPEN
            + "<u:AddPortMappingResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\"/>" + ENVELOPE_CLOSE;

    static final String DELETE_RESPONSE = ENVELOPE_OPEN
            + "<u:DeletePortMappingResponse xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\"/>" + ENVELOPE_CLOSE;
}
