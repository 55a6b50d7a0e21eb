namespace SensorNode.Aas.Mapping;

/// <summary>Semantic ids of the IDTA templates used (copied from the official template files in shared/aas/templates).</summary>
public static class SemanticIds
{
    // IDTA 02006-3-0-1 Digital Nameplate
    public const string Nameplate = "https://admin-shell.io/idta/nameplate/3/0/Nameplate";
    public const string NameplateTemplateId = "https://admin-shell.io/idta-02006-3-0";
    public const string UriOfTheProduct = "0112/2///61987#ABN590#002";
    public const string ManufacturerName = "0112/2///61987#ABA565#009";
    public const string ManufacturerProductDesignation = "0112/2///61987#ABA567#009";
    public const string AddressInformation = "https://admin-shell.io/zvei/nameplate/1/0/ContactInformations/AddressInformation";
    public const string ManufacturerProductType = "0112/2///61987#ABA300#008";
    public const string OrderCodeOfManufacturer = "0112/2///61987#ABA950#008";
    public const string SerialNumber = "0112/2///61987#ABA951#009";
    public const string YearOfConstruction = "0112/2///61987#ABP000#002";
    public const string FirmwareVersion = "0112/2///61987#ABA302#006";
    public const string HardwareVersion = "0112/2///61987#ABA926#008";

    // IDTA 02008-1-1-1 Time Series Data
    public const string TimeSeries = "https://admin-shell.io/idta/TimeSeries/1/1";
    public const string TsMetadata = "https://admin-shell.io/idta/TimeSeries/Metadata/1/1";
    public const string TsMetadataName = "https://admin-shell.io/idta/TimeSeries/Metadata/Name/1/1";
    public const string TsMetadataDescription = "https://admin-shell.io/idta/TimeSeries/Metadata/Description/1/1";
    public const string TsRecord = "https://admin-shell.io/idta/TimeSeries/Record/1/1";
    public const string TsRecords = "https://admin-shell.io/idta/TimeSeries/Records/1/1";
    public const string TsSegments = "https://admin-shell.io/idta/TimeSeries/Segments/1/1";
    public const string TsInternalSegment = "https://admin-shell.io/idta/TimeSeries/Segments/InternalSegment/1/1";
    public const string TsLinkedSegment = "https://admin-shell.io/idta/TimeSeries/Segments/LinkedSegment/1/1";
    public const string TsSegmentName = "https://admin-shell.io/idta/TimeSeries/Segment/Name/1/1";
    public const string TsSegmentDescription = "https://admin-shell.io/idta/TimeSeries/Segment/Description/1/1";
    public const string TsRecordCount = "https://admin-shell.io/idta/TimeSeries/Segment/RecordCount/1/1";
    public const string TsStartTime = "https://admin-shell.io/idta/TimeSeries/Segment/StartTime/1/1";
    public const string TsEndTime = "https://admin-shell.io/idta/TimeSeries/Segment/EndTime/1/1";
    public const string TsSamplingInterval = "https://admin-shell.io/idta/TimeSeries/Segment/SamplingInterval/1/1";
    public const string TsState = "https://admin-shell.io/idta/TimeSeries/Segment/State/1/1";
    public const string TsStateInProgress = "https://admin-shell.io/idta/TimeSeries/Segment/State/InProgress/1/1";
    public const string TsLastUpdate = "https://admin-shell.io/idta/TimeSeries/Segment/LastUpdate/1/1";
    public const string TsEndpoint = "https://admin-shell.io/idta/TimeSeries/Endpoint/1/1";
    public const string TsQuery = "https://admin-shell.io/idta/TimeSeries/Query/1/1";
    public const string TsUtcTime = "https://admin-shell.io/idta/TimeSeries/UtcTime/1/1";

    // IDTA 02017-1-0-1 Asset Interfaces Description (W3C WoT TD vocabulary)
    public const string Aid = "https://admin-shell.io/idta/AssetInterfacesDescription/1/0/Submodel";
    public const string AidInterface = "https://admin-shell.io/idta/AssetInterfacesDescription/1/0/Interface";
    public const string AidEndpointMetadata = "https://admin-shell.io/idta/AssetInterfacesDescription/1/0/EndpointMetadata";
    public const string AidInteractionMetadata = "https://admin-shell.io/idta/AssetInterfacesDescription/1/0/InteractionMetadata";
    // Spelled "AssetInterfaceDescription" (no s) in the official template; kept as published.
    public const string AidPropertyDefinition = "https://admin-shell.io/idta/AssetInterfaceDescription/1/0/PropertyDefinition";
    public const string AidKey = "https://admin-shell.io/idta/AssetInterfacesDescription/1/0/key";
    public const string Mqtt = "http://www.w3.org/2011/mqtt";
    public const string Td = "https://www.w3.org/2019/wot/td";
    public const string TdTitle = "https://www.w3.org/2019/wot/td#title";
    public const string TdBase = "https://www.w3.org/2019/wot/td#base";
    public const string TdName = "https://www.w3.org/2019/wot/td#name";
    public const string TdHasSecurityConfiguration = "https://www.w3.org/2019/wot/td#hasSecurityConfiguration";
    public const string TdDefinesSecurityScheme = "https://www.w3.org/2019/wot/td#definesSecurityScheme";
    public const string TdPropertyAffordance = "https://www.w3.org/2019/wot/td#PropertyAffordance";
    public const string TdIsObservable = "https://www.w3.org/2019/wot/td#isObservable";
    public const string TdHasForm = "https://www.w3.org/2019/wot/td#hasForm";
    public const string HctHasTarget = "https://www.w3.org/2019/wot/hypermedia#hasTarget";
    public const string HctForContentType = "https://www.w3.org/2019/wot/hypermedia#forContentType";
    public const string SecScheme = "https://www.w3.org/2019/wot/security#SecurityScheme";
    public const string SecNoSecurityScheme = "https://www.w3.org/2019/wot/security#NoSecurityScheme";
    public const string SecBasicSecurityScheme = "https://www.w3.org/2019/wot/security#BasicSecurityScheme";
    public const string RdfType = "https://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    public const string JsonSchemaProperties = "https://www.w3.org/2019/wot/json-schema#properties";
    public const string JsonSchemaPropertyName = "https://www.w3.org/2019/wot/json-schema#propertyName";
    public const string SchemaUnitCode = "https://schema.org/unitCode";
    public const string MqvRetain = "https://www.w3.org/2019/wot/mqtt#hasRetainFlag";
    public const string MqvControlPacket = "https://www.w3.org/2019/wot/mqtt#ControlPacket";
    public const string MqvQos = "https://www.w3.org/2019/wot/mqtt#hasQoSFlag";
}
