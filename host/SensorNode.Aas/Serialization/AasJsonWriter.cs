using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SensorNode.Aas.Model;

namespace SensorNode.Aas.Serialization;

/// <summary>
/// AAS V3.0 JSON serialization (IDTA-01001 schemas/json): modelType on every Referable and on
/// DataSpecificationIec61360, no empty arrays (empty == absent), values as XSD strings, enums as strings.
/// Also the ValueOnly format used by the API's $value modifier.
/// </summary>
public static class AasJsonWriter
{
    /// <summary>Writer options: UTF-8 text kept readable (Hangul is not \u-escaped).</summary>
    public static JsonWriterOptions WriterOptions(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static byte[] SerializeEnvironment(AasEnvironment environment, bool indented = false) =>
        Serialize(w => WriteEnvironment(w, environment), indented);

    public static string ToJsonString(AasEnvironment environment, bool indented = true) =>
        System.Text.Encoding.UTF8.GetString(SerializeEnvironment(environment, indented));

    public static byte[] Serialize(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions(indented)))
        {
            write(w);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteEnvironment(Utf8JsonWriter w, AasEnvironment env)
    {
        w.WriteStartObject();
        WriteList(w, "assetAdministrationShells", env.AssetAdministrationShells, WriteShell);
        WriteList(w, "submodels", env.Submodels, (x, s) => WriteSubmodel(x, s));
        WriteList(w, "conceptDescriptions", env.ConceptDescriptions, WriteConceptDescription);
        w.WriteEndObject();
    }

    public static void WriteShell(Utf8JsonWriter w, AssetAdministrationShell shell)
    {
        w.WriteStartObject();
        WriteIdentifiable(w, shell);
        WriteList(w, "embeddedDataSpecifications", shell.EmbeddedDataSpecifications, WriteEmbeddedDataSpecification);
        if (shell.DerivedFrom is not null) { w.WritePropertyName("derivedFrom"); WriteReference(w, shell.DerivedFrom); }
        w.WritePropertyName("assetInformation");
        WriteAssetInformation(w, shell.AssetInformation);
        WriteList(w, "submodels", shell.Submodels, WriteReference);
        w.WriteString("modelType", shell.ModelType);
        w.WriteEndObject();
    }

    /// <param name="coreOnly">API level=core: direct children are written without their own children.</param>
    public static void WriteSubmodel(Utf8JsonWriter w, Submodel sm, bool coreOnly = false)
    {
        w.WriteStartObject();
        WriteIdentifiable(w, sm);
        if (sm.Kind is { } kind) w.WriteString("kind", kind.ToString());
        WriteSemantics(w, sm.SemanticId, sm.SupplementalSemanticIds);
        WriteList(w, "qualifiers", sm.Qualifiers, WriteQualifier);
        WriteList(w, "embeddedDataSpecifications", sm.EmbeddedDataSpecifications, WriteEmbeddedDataSpecification);
        WriteList(w, "submodelElements", sm.SubmodelElements, (x, e) => WriteElement(x, e, coreOnly ? 0 : int.MaxValue));
        w.WriteString("modelType", sm.ModelType);
        w.WriteEndObject();
    }

    public static void WriteConceptDescription(Utf8JsonWriter w, ConceptDescription cd)
    {
        w.WriteStartObject();
        WriteIdentifiable(w, cd);
        WriteList(w, "embeddedDataSpecifications", cd.EmbeddedDataSpecifications, WriteEmbeddedDataSpecification);
        WriteList(w, "isCaseOf", cd.IsCaseOf, WriteReference);
        w.WriteString("modelType", cd.ModelType);
        w.WriteEndObject();
    }

    /// <param name="depth">How many levels of children to write (0 = none, for level=core).</param>
    public static void WriteElement(Utf8JsonWriter w, SubmodelElement e, int depth = int.MaxValue)
    {
        w.WriteStartObject();
        WriteReferable(w, e);
        WriteSemantics(w, e.SemanticId, e.SupplementalSemanticIds);
        WriteList(w, "qualifiers", e.Qualifiers, WriteQualifier);
        WriteList(w, "embeddedDataSpecifications", e.EmbeddedDataSpecifications, WriteEmbeddedDataSpecification);
        switch (e)
        {
            case Property p:
                w.WriteString("valueType", p.ValueType.ToXsName());
                if (p.Value is not null) w.WriteString("value", p.Value);
                if (p.ValueId is not null) { w.WritePropertyName("valueId"); WriteReference(w, p.ValueId); }
                break;
            case MultiLanguageProperty mlp:
                WriteList(w, "value", mlp.Value, WriteLangString);
                if (mlp.ValueId is not null) { w.WritePropertyName("valueId"); WriteReference(w, mlp.ValueId); }
                break;
            case AasRange r:
                w.WriteString("valueType", r.ValueType.ToXsName());
                if (r.Min is not null) w.WriteString("min", r.Min);
                if (r.Max is not null) w.WriteString("max", r.Max);
                break;
            case AasFile f:
                if (f.Value is not null) w.WriteString("value", f.Value);
                w.WriteString("contentType", f.ContentType);
                break;
            case Blob b:
                if (b.Value is not null) w.WriteBase64String("value", b.Value);
                w.WriteString("contentType", b.ContentType);
                break;
            case ReferenceElement re:
                if (re.Value is not null) { w.WritePropertyName("value"); WriteReference(w, re.Value); }
                break;
            case SubmodelElementCollection smc:
                if (depth > 0) WriteList(w, "value", smc.Value, (x, c) => WriteElement(x, c, depth - 1));
                break;
            case SubmodelElementList sml:
                if (sml.OrderRelevant is { } ordered) w.WriteBoolean("orderRelevant", ordered);
                if (sml.SemanticIdListElement is not null) { w.WritePropertyName("semanticIdListElement"); WriteReference(w, sml.SemanticIdListElement); }
                w.WriteString("typeValueListElement", sml.TypeValueListElement.ToString());
                if (sml.ValueTypeListElement is { } vt) w.WriteString("valueTypeListElement", vt.ToXsName());
                if (depth > 0) WriteList(w, "value", sml.Value, (x, c) => WriteElement(x, c, depth - 1));
                break;
            default:
                throw new NotSupportedException($"Submodel element type {e.GetType().Name} is not supported by the serializer.");
        }
        w.WriteString("modelType", e.ModelType);
        w.WriteEndObject();
    }

    public static void WriteReference(Utf8JsonWriter w, Reference r)
    {
        w.WriteStartObject();
        w.WriteString("type", r.Type.ToString());
        if (r.ReferredSemanticId is not null) { w.WritePropertyName("referredSemanticId"); WriteReference(w, r.ReferredSemanticId); }
        w.WritePropertyName("keys");
        w.WriteStartArray();
        foreach (var k in r.Keys)
        {
            w.WriteStartObject();
            w.WriteString("type", k.Type.ToString());
            w.WriteString("value", k.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // ---------------------------------------------------------------- ValueOnly (API $value)

    /// <summary>ValueOnly of a submodel: an object of its elements keyed by idShort.</summary>
    public static void WriteSubmodelValueOnly(Utf8JsonWriter w, Submodel sm)
    {
        w.WriteStartObject();
        foreach (var e in sm.SubmodelElements ?? [])
        {
            if (!HasValueOnly(e)) continue;
            w.WritePropertyName(e.IdShort!);
            WriteValueOnly(w, e);
        }
        w.WriteEndObject();
    }

    /// <summary>False for elements without a ValueOnly form (the API answers 400 for those).</summary>
    public static bool HasValueOnly(SubmodelElement e) => e is not (ReferenceElement { Value: null });

    /// <summary>ValueOnly of one element: a Property is its bare value (xs:double → JSON number, xs:boolean → bool).</summary>
    public static void WriteValueOnly(Utf8JsonWriter w, SubmodelElement e)
    {
        switch (e)
        {
            case Property p:
                WriteTypedValue(w, p.Value, p.ValueType);
                break;
            case MultiLanguageProperty mlp:
                w.WriteStartArray();
                foreach (var ls in mlp.Value ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString(ls.Language, ls.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case AasRange r:
                w.WriteStartObject();
                if (r.Min is not null) { w.WritePropertyName("min"); WriteTypedValue(w, r.Min, r.ValueType); }
                if (r.Max is not null) { w.WritePropertyName("max"); WriteTypedValue(w, r.Max, r.ValueType); }
                w.WriteEndObject();
                break;
            case AasFile f:
                w.WriteStartObject();
                w.WriteString("contentType", f.ContentType);
                if (f.Value is not null) w.WriteString("value", f.Value);
                w.WriteEndObject();
                break;
            case Blob b:
                w.WriteStartObject();
                w.WriteString("contentType", b.ContentType);
                w.WriteEndObject();
                break;
            case ReferenceElement re:
                if (re.Value is null) w.WriteNullValue(); else WriteReference(w, re.Value);
                break;
            case SubmodelElementCollection smc:
                w.WriteStartObject();
                foreach (var c in smc.Value ?? [])
                {
                    if (!HasValueOnly(c)) continue;
                    w.WritePropertyName(c.IdShort!);
                    WriteValueOnly(w, c);
                }
                w.WriteEndObject();
                break;
            case SubmodelElementList sml:
                w.WriteStartArray();
                foreach (var c in sml.Value ?? []) WriteValueOnly(w, c);
                w.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"No ValueOnly form for {e.ModelType}.");
        }
    }

    private static void WriteTypedValue(Utf8JsonWriter w, string? value, DataTypeDefXsd type)
    {
        if (value is null) { w.WriteNullValue(); return; }
        switch (type)
        {
            case DataTypeDefXsd.Boolean:
                w.WriteBooleanValue(value is "true" or "1");
                return;
            case DataTypeDefXsd.Double or DataTypeDefXsd.Float or DataTypeDefXsd.Decimal:
                // JSON numbers cannot carry NaN/INF: those stay strings.
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
                    w.WriteNumberValue(d);
                else
                    w.WriteStringValue(value);
                return;
            case DataTypeDefXsd.Int or DataTypeDefXsd.Long or DataTypeDefXsd.Short or DataTypeDefXsd.Byte
                or DataTypeDefXsd.Integer or DataTypeDefXsd.UnsignedInt or DataTypeDefXsd.UnsignedShort
                or DataTypeDefXsd.UnsignedByte or DataTypeDefXsd.UnsignedLong or DataTypeDefXsd.NonNegativeInteger
                or DataTypeDefXsd.PositiveInteger or DataTypeDefXsd.NegativeInteger or DataTypeDefXsd.NonPositiveInteger:
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                    w.WriteNumberValue(l);
                else
                    w.WriteStringValue(value);
                return;
            default:
                w.WriteStringValue(value);
                return;
        }
    }

    // ---------------------------------------------------------------- pieces

    private static void WriteReferable(Utf8JsonWriter w, Referable r)
    {
        WriteList(w, "extensions", r.Extensions, WriteExtension);
        if (r.Category is not null) w.WriteString("category", r.Category);
        if (r.IdShort is not null) w.WriteString("idShort", r.IdShort);
        WriteList(w, "displayName", r.DisplayName, WriteLangString);
        WriteList(w, "description", r.Description, WriteLangString);
    }

    private static void WriteIdentifiable(Utf8JsonWriter w, Identifiable i)
    {
        WriteReferable(w, i);
        if (i.Administration is { } a)
        {
            w.WritePropertyName("administration");
            w.WriteStartObject();
            WriteList(w, "embeddedDataSpecifications", a.EmbeddedDataSpecifications, WriteEmbeddedDataSpecification);
            if (a.Version is not null) w.WriteString("version", a.Version);
            if (a.Revision is not null) w.WriteString("revision", a.Revision);
            if (a.Creator is not null) { w.WritePropertyName("creator"); WriteReference(w, a.Creator); }
            if (a.TemplateId is not null) w.WriteString("templateId", a.TemplateId);
            w.WriteEndObject();
        }
        w.WriteString("id", i.Id);
    }

    private static void WriteSemantics(Utf8JsonWriter w, Reference? semanticId, List<Reference>? supplemental)
    {
        if (semanticId is not null) { w.WritePropertyName("semanticId"); WriteReference(w, semanticId); }
        WriteList(w, "supplementalSemanticIds", supplemental, WriteReference);
    }

    private static void WriteAssetInformation(Utf8JsonWriter w, AssetInformation a)
    {
        w.WriteStartObject();
        w.WriteString("assetKind", a.AssetKind.ToString());
        if (a.GlobalAssetId is not null) w.WriteString("globalAssetId", a.GlobalAssetId);
        WriteList(w, "specificAssetIds", a.SpecificAssetIds, WriteSpecificAssetId);
        if (a.AssetType is not null) w.WriteString("assetType", a.AssetType);
        if (a.DefaultThumbnail is { } t)
        {
            w.WritePropertyName("defaultThumbnail");
            w.WriteStartObject();
            w.WriteString("path", t.Path);
            if (t.ContentType is not null) w.WriteString("contentType", t.ContentType);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteSpecificAssetId(Utf8JsonWriter w, SpecificAssetId s)
    {
        w.WriteStartObject();
        WriteSemantics(w, s.SemanticId, s.SupplementalSemanticIds);
        w.WriteString("name", s.Name);
        w.WriteString("value", s.Value);
        if (s.ExternalSubjectId is not null) { w.WritePropertyName("externalSubjectId"); WriteReference(w, s.ExternalSubjectId); }
        w.WriteEndObject();
    }

    private static void WriteQualifier(Utf8JsonWriter w, Qualifier q)
    {
        w.WriteStartObject();
        WriteSemantics(w, q.SemanticId, q.SupplementalSemanticIds);
        if (q.Kind is { } kind) w.WriteString("kind", kind.ToString());
        w.WriteString("type", q.Type);
        w.WriteString("valueType", q.ValueType.ToXsName());
        if (q.Value is not null) w.WriteString("value", q.Value);
        if (q.ValueId is not null) { w.WritePropertyName("valueId"); WriteReference(w, q.ValueId); }
        w.WriteEndObject();
    }

    private static void WriteExtension(Utf8JsonWriter w, Extension x)
    {
        w.WriteStartObject();
        WriteSemantics(w, x.SemanticId, x.SupplementalSemanticIds);
        w.WriteString("name", x.Name);
        if (x.ValueType is { } vt) w.WriteString("valueType", vt.ToXsName());
        if (x.Value is not null) w.WriteString("value", x.Value);
        WriteList(w, "refersTo", x.RefersTo, WriteReference);
        w.WriteEndObject();
    }

    private static void WriteLangString(Utf8JsonWriter w, LangString s)
    {
        w.WriteStartObject();
        w.WriteString("language", s.Language);
        w.WriteString("text", s.Text);
        w.WriteEndObject();
    }

    private static void WriteEmbeddedDataSpecification(Utf8JsonWriter w, EmbeddedDataSpecification eds)
    {
        w.WriteStartObject();
        w.WritePropertyName("dataSpecification");
        WriteReference(w, eds.DataSpecification);
        w.WritePropertyName("dataSpecificationContent");
        var c = eds.DataSpecificationContent;
        w.WriteStartObject();
        WriteList(w, "preferredName", c.PreferredName, WriteLangString);
        WriteList(w, "shortName", c.ShortName, WriteLangString);
        if (c.Unit is not null) w.WriteString("unit", c.Unit);
        if (c.UnitId is not null) { w.WritePropertyName("unitId"); WriteReference(w, c.UnitId); }
        if (c.SourceOfDefinition is not null) w.WriteString("sourceOfDefinition", c.SourceOfDefinition);
        if (c.Symbol is not null) w.WriteString("symbol", c.Symbol);
        if (c.DataType is { } dt) w.WriteString("dataType", dt.ToString());
        WriteList(w, "definition", c.Definition, WriteLangString);
        if (c.ValueFormat is not null) w.WriteString("valueFormat", c.ValueFormat);
        if (c.ValueList is { Count: > 0 } vl)
        {
            w.WritePropertyName("valueList");
            w.WriteStartObject();
            WriteList(w, "valueReferencePairs", vl, (x, p) =>
            {
                x.WriteStartObject();
                x.WriteString("value", p.Value);
                x.WritePropertyName("valueId");
                WriteReference(x, p.ValueId);
                x.WriteEndObject();
            });
            w.WriteEndObject();
        }
        if (c.Value is not null) w.WriteString("value", c.Value);
        if (c.LevelType is { } lt)
        {
            w.WritePropertyName("levelType");
            w.WriteStartObject();
            w.WriteBoolean("min", lt.Min);
            w.WriteBoolean("nom", lt.Nom);
            w.WriteBoolean("typ", lt.Typ);
            w.WriteBoolean("max", lt.Max);
            w.WriteEndObject();
        }
        w.WriteString("modelType", "DataSpecificationIec61360");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes a list only when it has items: the schema forbids empty arrays.</summary>
    private static void WriteList<T>(Utf8JsonWriter w, string name, List<T>? items, Action<Utf8JsonWriter, T> writeItem)
    {
        if (items is null || items.Count == 0) return;
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var item in items) writeItem(w, item);
        w.WriteEndArray();
    }
}
