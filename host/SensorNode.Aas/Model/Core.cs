namespace SensorNode.Aas.Model;

// The AAS V3.0 metamodel classes the project needs (IDTA-01001-3-0-1 / IDTA-01003-a).
// Like aas-core, values are kept as strings in XSD lexical form; a null or empty list means "absent"
// (the serializer never writes empty arrays, the schema forbids them).

public sealed class Key
{
    public Key(KeyTypes type, string value) { Type = type; Value = value; }
    public KeyTypes Type { get; set; }
    public string Value { get; set; }
}

public sealed class Reference
{
    public Reference(ReferenceTypes type, List<Key> keys) { Type = type; Keys = keys; }
    public ReferenceTypes Type { get; set; }
    public List<Key> Keys { get; set; }
    public Reference? ReferredSemanticId { get; set; }

    /// <summary>An ExternalReference with one GlobalReference key: the usual semanticId of a dictionary concept.</summary>
    public static Reference Global(string value) =>
        new(ReferenceTypes.ExternalReference, [new Key(KeyTypes.GlobalReference, value)]);

    /// <summary>A ModelReference to an Identifiable (first key) and optional fragment keys.</summary>
    public static Reference Model(KeyTypes first, string id, params Key[] fragments)
    {
        var keys = new List<Key>(1 + fragments.Length) { new(first, id) };
        keys.AddRange(fragments);
        return new Reference(ReferenceTypes.ModelReference, keys);
    }
}

/// <summary>A language-tagged string (LangStringNameType ≤128 / LangStringTextType ≤1023 / IEC 61360 variants).</summary>
public sealed class LangString
{
    public LangString(string language, string text) { Language = language; Text = text; }
    public string Language { get; set; }
    public string Text { get; set; }
}

public sealed class AdministrativeInformation
{
    public List<EmbeddedDataSpecification>? EmbeddedDataSpecifications { get; set; }
    public string? Version { get; set; }
    public string? Revision { get; set; }
    public Reference? Creator { get; set; }
    public string? TemplateId { get; set; }
}

public sealed class Qualifier
{
    public Qualifier(string type, DataTypeDefXsd valueType) { Type = type; ValueType = valueType; }
    public Reference? SemanticId { get; set; }
    public List<Reference>? SupplementalSemanticIds { get; set; }
    public QualifierKind? Kind { get; set; }
    public string Type { get; set; }
    public DataTypeDefXsd ValueType { get; set; }
    public string? Value { get; set; }
    public Reference? ValueId { get; set; }
}

public sealed class Extension
{
    public Extension(string name) { Name = name; }
    public Reference? SemanticId { get; set; }
    public List<Reference>? SupplementalSemanticIds { get; set; }
    public string Name { get; set; }
    public DataTypeDefXsd? ValueType { get; set; }
    public string? Value { get; set; }
    public List<Reference>? RefersTo { get; set; }
}

public sealed class SpecificAssetId
{
    public SpecificAssetId(string name, string value) { Name = name; Value = value; }
    public Reference? SemanticId { get; set; }
    public List<Reference>? SupplementalSemanticIds { get; set; }
    public string Name { get; set; }
    public string Value { get; set; }
    public Reference? ExternalSubjectId { get; set; }
}

public sealed class Resource
{
    public Resource(string path) { Path = path; }
    public string Path { get; set; }
    public string? ContentType { get; set; }
}

public sealed class AssetInformation
{
    public AssetInformation(AssetKind assetKind) { AssetKind = assetKind; }
    public AssetKind AssetKind { get; set; }
    public string? GlobalAssetId { get; set; }
    public List<SpecificAssetId>? SpecificAssetIds { get; set; }
    public string? AssetType { get; set; }
    public Resource? DefaultThumbnail { get; set; }
}

public sealed class LevelType
{
    public bool Min { get; set; }
    public bool Nom { get; set; }
    public bool Typ { get; set; }
    public bool Max { get; set; }
}

public sealed class ValueReferencePair
{
    public ValueReferencePair(string value, Reference valueId) { Value = value; ValueId = valueId; }
    public string Value { get; set; }
    public Reference ValueId { get; set; }
}

/// <summary>IEC 61360 content of an embedded data specification (modelType DataSpecificationIec61360).</summary>
public sealed class DataSpecificationIec61360
{
    public DataSpecificationIec61360(List<LangString> preferredName) { PreferredName = preferredName; }
    public List<LangString> PreferredName { get; set; }
    public List<LangString>? ShortName { get; set; }
    public string? Unit { get; set; }
    public Reference? UnitId { get; set; }
    public string? SourceOfDefinition { get; set; }
    public string? Symbol { get; set; }
    public DataTypeIec61360? DataType { get; set; }
    public List<LangString>? Definition { get; set; }
    public string? ValueFormat { get; set; }
    public List<ValueReferencePair>? ValueList { get; set; }
    public string? Value { get; set; }
    public LevelType? LevelType { get; set; }
}

public sealed class EmbeddedDataSpecification
{
    /// <summary>The canonical IEC 61360 data-specification id since IDTA-01003-a 3.0.1.</summary>
    public const string Iec61360Id = "https://admin-shell.io/DataSpecificationTemplates/DataSpecificationIec61360/3";

    public EmbeddedDataSpecification(Reference dataSpecification, DataSpecificationIec61360 content)
    {
        DataSpecification = dataSpecification;
        DataSpecificationContent = content;
    }

    public Reference DataSpecification { get; set; }
    public DataSpecificationIec61360 DataSpecificationContent { get; set; }

    public static EmbeddedDataSpecification Iec61360(DataSpecificationIec61360 content) =>
        new(Reference.Global(Iec61360Id), content);
}

/// <summary>Referable: idShort, displayName, description, category, extensions.</summary>
public abstract class Referable
{
    public List<Extension>? Extensions { get; set; }
    public string? Category { get; set; }
    public string? IdShort { get; set; }
    public List<LangString>? DisplayName { get; set; }
    public List<LangString>? Description { get; set; }

    /// <summary>The JSON modelType discriminator.</summary>
    public abstract string ModelType { get; }
}

public abstract class Identifiable : Referable
{
    protected Identifiable(string id) { Id = id; }
    public AdministrativeInformation? Administration { get; set; }
    public string Id { get; set; }
}

public sealed class AssetAdministrationShell : Identifiable
{
    public AssetAdministrationShell(string id, AssetInformation assetInformation) : base(id)
    {
        AssetInformation = assetInformation;
    }

    public List<EmbeddedDataSpecification>? EmbeddedDataSpecifications { get; set; }
    public Reference? DerivedFrom { get; set; }
    public AssetInformation AssetInformation { get; set; }
    public List<Reference>? Submodels { get; set; }
    public override string ModelType => "AssetAdministrationShell";
}

public sealed class Submodel : Identifiable
{
    public Submodel(string id) : base(id) { }
    public ModellingKind? Kind { get; set; }
    public Reference? SemanticId { get; set; }
    public List<Reference>? SupplementalSemanticIds { get; set; }
    public List<Qualifier>? Qualifiers { get; set; }
    public List<EmbeddedDataSpecification>? EmbeddedDataSpecifications { get; set; }
    public List<SubmodelElement>? SubmodelElements { get; set; }
    public override string ModelType => "Submodel";
}

public sealed class ConceptDescription : Identifiable
{
    public ConceptDescription(string id) : base(id) { }
    public List<EmbeddedDataSpecification>? EmbeddedDataSpecifications { get; set; }
    public List<Reference>? IsCaseOf { get; set; }
    public override string ModelType => "ConceptDescription";
}

/// <summary>The root of a serialization: shells, submodels and concept descriptions.</summary>
public sealed class AasEnvironment
{
    public List<AssetAdministrationShell>? AssetAdministrationShells { get; set; }
    public List<Submodel>? Submodels { get; set; }
    public List<ConceptDescription>? ConceptDescriptions { get; set; }
}
