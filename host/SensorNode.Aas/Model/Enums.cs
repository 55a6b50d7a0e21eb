namespace SensorNode.Aas.Model;

/// <summary>AssetKind of AAS V3.0 (V3.1's Role is not written by this V3.0 model).</summary>
public enum AssetKind { Instance, Type, NotApplicable }

/// <summary>ModellingKind: a submodel is an Instance unless it is a template.</summary>
public enum ModellingKind { Instance, Template }

public enum ReferenceTypes { ExternalReference, ModelReference }

public enum QualifierKind { ValueQualifier, ConceptQualifier, TemplateQualifier }

/// <summary>KeyTypes of V3.0 (names are the JSON strings).</summary>
public enum KeyTypes
{
    AnnotatedRelationshipElement, AssetAdministrationShell, BasicEventElement, Blob, Capability,
    ConceptDescription, DataElement, Entity, EventElement, File, FragmentReference, GlobalReference,
    Identifiable, MultiLanguageProperty, Operation, Property, Range, Referable, ReferenceElement,
    RelationshipElement, Submodel, SubmodelElement, SubmodelElementCollection, SubmodelElementList,
}

/// <summary>AasSubmodelElements: the allowed values of SubmodelElementList.typeValueListElement.</summary>
public enum AasSubmodelElements
{
    AnnotatedRelationshipElement, BasicEventElement, Blob, Capability, DataElement, Entity, EventElement, File,
    MultiLanguageProperty, Operation, Property, Range, ReferenceElement, RelationshipElement, SubmodelElement,
    SubmodelElementCollection, SubmodelElementList,
}

/// <summary>The XSD data types of DataTypeDefXsd; <see cref="DataTypeDefXsdNames"/> gives the "xs:" names.</summary>
public enum DataTypeDefXsd
{
    AnyUri, Base64Binary, Boolean, Byte, Date, DateTime, Decimal, Double, Duration, Float, GDay, GMonth,
    GMonthDay, GYear, GYearMonth, HexBinary, Int, Integer, Long, NegativeInteger, NonNegativeInteger,
    NonPositiveInteger, PositiveInteger, Short, String, Time, UnsignedByte, UnsignedInt, UnsignedLong,
    UnsignedShort,
}

/// <summary>IEC 61360 data types (DataTypeIec61360).</summary>
public enum DataTypeIec61360
{
    DATE, STRING, STRING_TRANSLATABLE, INTEGER_MEASURE, INTEGER_COUNT, INTEGER_CURRENCY, REAL_MEASURE, REAL_COUNT,
    REAL_CURRENCY, BOOLEAN, IRI, IRDI, RATIONAL, RATIONAL_MEASURE, TIME, TIMESTAMP, FILE, HTML, BLOB,
}

public static class DataTypeDefXsdNames
{
    private static readonly string[] Names =
    [
        "xs:anyURI", "xs:base64Binary", "xs:boolean", "xs:byte", "xs:date", "xs:dateTime", "xs:decimal",
        "xs:double", "xs:duration", "xs:float", "xs:gDay", "xs:gMonth", "xs:gMonthDay", "xs:gYear",
        "xs:gYearMonth", "xs:hexBinary", "xs:int", "xs:integer", "xs:long", "xs:negativeInteger",
        "xs:nonNegativeInteger", "xs:nonPositiveInteger", "xs:positiveInteger", "xs:short", "xs:string",
        "xs:time", "xs:unsignedByte", "xs:unsignedInt", "xs:unsignedLong", "xs:unsignedShort",
    ];

    public static string ToXsName(this DataTypeDefXsd type) => Names[(int)type];

    public static bool TryParse(string name, out DataTypeDefXsd type)
    {
        int i = Array.IndexOf(Names, name);
        type = i < 0 ? default : (DataTypeDefXsd)i;
        return i >= 0;
    }
}
