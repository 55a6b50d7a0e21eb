namespace SensorNode.Aas.Model;

/// <summary>SubmodelElement: Referable + HasSemantics + Qualifiable + HasDataSpecification.</summary>
public abstract class SubmodelElement : Referable
{
    public Reference? SemanticId { get; set; }
    public List<Reference>? SupplementalSemanticIds { get; set; }
    public List<Qualifier>? Qualifiers { get; set; }
    public List<EmbeddedDataSpecification>? EmbeddedDataSpecifications { get; set; }

    /// <summary>The KeyTypes value that names this element in a ModelReference.</summary>
    public abstract KeyTypes KeyType { get; }

    /// <summary>The AasSubmodelElements value of this element (for SubmodelElementList.typeValueListElement).</summary>
    public abstract AasSubmodelElements ElementKind { get; }

    /// <summary>Whether AASd-090 (category CONSTANT/PARAMETER/VARIABLE) applies: true for data elements.</summary>
    public virtual bool IsDataElement => false;
}

public sealed class Property : SubmodelElement
{
    public Property(string? idShort, DataTypeDefXsd valueType, string? value = null)
    {
        IdShort = idShort;
        ValueType = valueType;
        Value = value;
    }

    public DataTypeDefXsd ValueType { get; set; }
    public string? Value { get; set; }
    public Reference? ValueId { get; set; }
    public override string ModelType => "Property";
    public override KeyTypes KeyType => KeyTypes.Property;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.Property;
    public override bool IsDataElement => true;
}

public sealed class MultiLanguageProperty : SubmodelElement
{
    public MultiLanguageProperty(string? idShort, List<LangString>? value = null)
    {
        IdShort = idShort;
        Value = value;
    }

    public List<LangString>? Value { get; set; }
    public Reference? ValueId { get; set; }
    public override string ModelType => "MultiLanguageProperty";
    public override KeyTypes KeyType => KeyTypes.MultiLanguageProperty;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.MultiLanguageProperty;
    public override bool IsDataElement => true;
}

public sealed class AasRange : SubmodelElement
{
    public AasRange(string? idShort, DataTypeDefXsd valueType, string? min = null, string? max = null)
    {
        IdShort = idShort;
        ValueType = valueType;
        Min = min;
        Max = max;
    }

    public DataTypeDefXsd ValueType { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
    public override string ModelType => "Range";
    public override KeyTypes KeyType => KeyTypes.Range;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.Range;
    public override bool IsDataElement => true;
}

public sealed class AasFile : SubmodelElement
{
    public AasFile(string? idShort, string contentType, string? value = null)
    {
        IdShort = idShort;
        ContentType = contentType;
        Value = value;
    }

    public string? Value { get; set; }
    public string ContentType { get; set; }
    public override string ModelType => "File";
    public override KeyTypes KeyType => KeyTypes.File;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.File;
    public override bool IsDataElement => true;
}

public sealed class Blob : SubmodelElement
{
    public Blob(string? idShort, string contentType, byte[]? value = null)
    {
        IdShort = idShort;
        ContentType = contentType;
        Value = value;
    }

    public byte[]? Value { get; set; }
    public string ContentType { get; set; }
    public override string ModelType => "Blob";
    public override KeyTypes KeyType => KeyTypes.Blob;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.Blob;
    public override bool IsDataElement => true;
}

public sealed class ReferenceElement : SubmodelElement
{
    public ReferenceElement(string? idShort, Reference? value = null)
    {
        IdShort = idShort;
        Value = value;
    }

    public Reference? Value { get; set; }
    public override string ModelType => "ReferenceElement";
    public override KeyTypes KeyType => KeyTypes.ReferenceElement;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.ReferenceElement;
    public override bool IsDataElement => true;
}

public sealed class SubmodelElementCollection : SubmodelElement
{
    public SubmodelElementCollection(string? idShort, List<SubmodelElement>? value = null)
    {
        IdShort = idShort;
        Value = value;
    }

    public List<SubmodelElement>? Value { get; set; }
    public override string ModelType => "SubmodelElementCollection";
    public override KeyTypes KeyType => KeyTypes.SubmodelElementCollection;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.SubmodelElementCollection;

    /// <summary>Adds a child and returns it, creating the list on first use.</summary>
    public T Add<T>(T element) where T : SubmodelElement
    {
        (Value ??= []).Add(element);
        return element;
    }
}

public sealed class SubmodelElementList : SubmodelElement
{
    public SubmodelElementList(string? idShort, AasSubmodelElements typeValueListElement)
    {
        IdShort = idShort;
        TypeValueListElement = typeValueListElement;
    }

    public bool? OrderRelevant { get; set; }
    public Reference? SemanticIdListElement { get; set; }
    public AasSubmodelElements TypeValueListElement { get; set; }
    public DataTypeDefXsd? ValueTypeListElement { get; set; }
    public List<SubmodelElement>? Value { get; set; }
    public override string ModelType => "SubmodelElementList";
    public override KeyTypes KeyType => KeyTypes.SubmodelElementList;
    public override AasSubmodelElements ElementKind => AasSubmodelElements.SubmodelElementList;
}
