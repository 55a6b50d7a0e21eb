using System.Text.RegularExpressions;
using SensorNode.Aas.Model;
using SensorNode.Aas.Serialization;

namespace SensorNode.Aas.Verification;

/// <summary>One broken rule: where (a JSON path like aas-core's, e.g. <c>.submodels[0].submodelElements[2].idShort</c>),
/// which rule (AASd-xxx, AASc-3a-xxx, SCHEMA for JSON-schema facets, SN-xxx for the project's own) and why.</summary>
public sealed record AasViolation(string Path, string Rule, string Message)
{
    public override string ToString() => $"{Path}: {Rule}: {Message}";
}

/// <summary>
/// Verifies an environment against the V3.0 constraints the project can check locally and returns every
/// violation with its path. The rule list is in <see cref="CheckedRules"/> and docs/aas.md. Constraints that
/// need external resolution (e.g. that a semanticId exists in a dictionary) are not checked.
/// </summary>
public static partial class AasVerifier
{
    /// <summary>The rules this verifier implements.</summary>
    public static readonly IReadOnlyList<string> CheckedRules =
    [
        "AASd-002 idShort pattern/length", "AASd-005 revision requires version", "AASd-020 qualifier value matches valueType",
        "AASd-021 unique qualifier types", "AASd-022 unique idShorts among siblings", "AASd-077 unique extension names",
        "AASd-090 data element category", "AASd-107/108/109/114 SubmodelElementList consistency",
        "AASd-116 reserved specificAssetId name globalAssetId", "AASd-117 idShort required", "AASd-118 supplementalSemanticIds need semanticId",
        "AASd-119/129 TemplateQualifier only in templates", "AASd-120 no idShort in list items",
        "AASd-121..128 reference key rules", "AASd-130 XML 1.0 characters", "AASd-131 globalAssetId or specificAssetIds",
        "AASd-133 externalSubjectId is an ExternalReference", "AASc-3a-002 English preferredName",
        "AASc-3a-008 English definition", "AASc-3a-009 unit for *_MEASURE types", "AASc-3a-010 value xor valueList",
        "value consistent with valueType (Property, Range, Extension)", "language tags and unique languages per set",
        "SCHEMA lengths (identifier ≤2000, names ≤128, texts ≤1023, preferredName ≤255, shortName ≤18, contentType ≤100)",
        "SN-001 unique identifiers in the environment", "SN-002 shell submodel references resolve",
    ];

    private static readonly HashSet<KeyTypes> AasIdentifiables =
        [KeyTypes.AssetAdministrationShell, KeyTypes.ConceptDescription, KeyTypes.Identifiable, KeyTypes.Submodel];

    private static readonly HashSet<KeyTypes> GenericGloballyIdentifiables = [KeyTypes.GlobalReference];

    private static readonly HashSet<KeyTypes> FragmentKeys =
    [
        KeyTypes.AnnotatedRelationshipElement, KeyTypes.BasicEventElement, KeyTypes.Blob, KeyTypes.Capability,
        KeyTypes.DataElement, KeyTypes.Entity, KeyTypes.EventElement, KeyTypes.File, KeyTypes.FragmentReference,
        KeyTypes.MultiLanguageProperty, KeyTypes.Operation, KeyTypes.Property, KeyTypes.Range, KeyTypes.ReferenceElement,
        KeyTypes.RelationshipElement, KeyTypes.SubmodelElement, KeyTypes.SubmodelElementCollection, KeyTypes.SubmodelElementList,
    ];

    [GeneratedRegex(@"^(([a-zA-Z]{2,3}(-[a-zA-Z]{3}(-[a-zA-Z]{3}){2})?|[a-zA-Z]{4}|[a-zA-Z]{5,8})(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-(([a-zA-Z0-9]){5,8}|[0-9]([a-zA-Z0-9]){3}))*(-[0-9A-WY-Za-wy-z](-([a-zA-Z0-9]){2,8})+)*(-[xX](-([a-zA-Z0-9]){1,8})+)?|[xX](-([a-zA-Z0-9]){1,8})+)$")]
    private static partial Regex Bcp47();

    [GeneratedRegex(@"^([!#$%&'*+\-.^_`|~0-9a-zA-Z])+/([!#$%&'*+\-.^_`|~0-9a-zA-Z])+([ \t]*;[ \t]*([!#$%&'*+\-.^_`|~0-9a-zA-Z])+=(([!#$%&'*+\-.^_`|~0-9a-zA-Z])+|""(([\t !#-\[\]-~]|[\x80-\xff])|\\([\t !-~]|[\x80-\xff]))*""))*$")]
    private static partial Regex ContentTypePattern();

    public static IReadOnlyList<AasViolation> Verify(AasEnvironment env)
    {
        var v = new Context();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        void Id(string path, string id)
        {
            if (!ids.TryAdd(id, path)) v.Add(path + ".id", "SN-001", $"Identifier '{id}' is also used at {ids[id]}.");
        }

        var submodelIds = new HashSet<string>(env.Submodels?.Select(s => s.Id) ?? [], StringComparer.Ordinal);
        for (int i = 0; i < (env.AssetAdministrationShells?.Count ?? 0); i++)
        {
            var shell = env.AssetAdministrationShells![i];
            string p = $".assetAdministrationShells[{i}]";
            Id(p, shell.Id);
            VerifyShell(v, p, shell, submodelIds);
        }
        for (int i = 0; i < (env.Submodels?.Count ?? 0); i++)
        {
            string p = $".submodels[{i}]";
            Id(p, env.Submodels![i].Id);
            VerifySubmodel(v, p, env.Submodels[i]);
        }
        for (int i = 0; i < (env.ConceptDescriptions?.Count ?? 0); i++)
        {
            string p = $".conceptDescriptions[{i}]";
            Id(p, env.ConceptDescriptions![i].Id);
            VerifyConceptDescription(v, p, env.ConceptDescriptions[i]);
        }
        return v.Violations;
    }

    /// <summary>Verifies one submodel on its own (e.g. before serving it).</summary>
    public static IReadOnlyList<AasViolation> Verify(Submodel submodel)
    {
        var v = new Context();
        VerifySubmodel(v, "", submodel);
        return v.Violations;
    }

    private sealed class Context
    {
        public readonly List<AasViolation> Violations = [];
        public bool InTemplate;
        public void Add(string path, string rule, string message) => Violations.Add(new AasViolation(path, rule, message));
    }

    private static void VerifyShell(Context v, string p, AssetAdministrationShell shell, HashSet<string> submodelIds)
    {
        VerifyIdentifiable(v, p, shell);
        VerifyDataSpecifications(v, p, shell.EmbeddedDataSpecifications);
        if (shell.DerivedFrom is { } df)
        {
            VerifyReference(v, p + ".derivedFrom", df);
            if (df.Type != ReferenceTypes.ModelReference || df.Keys.Count != 1 || df.Keys[0].Type != KeyTypes.AssetAdministrationShell)
                v.Add(p + ".derivedFrom", "AASd-123", "derivedFrom must be a ModelReference to an AssetAdministrationShell.");
        }

        var a = shell.AssetInformation;
        string ap = p + ".assetInformation";
        if (a.GlobalAssetId is null && (a.SpecificAssetIds?.Count ?? 0) == 0)
            v.Add(ap, "AASd-131", "Either globalAssetId or at least one specificAssetId shall be defined.");
        if (a.GlobalAssetId is not null) VerifyIdentifierText(v, ap + ".globalAssetId", a.GlobalAssetId);
        if (a.AssetType is not null) VerifyIdentifierText(v, ap + ".assetType", a.AssetType);
        for (int i = 0; i < (a.SpecificAssetIds?.Count ?? 0); i++)
        {
            var s = a.SpecificAssetIds![i];
            string sp = $"{ap}.specificAssetIds[{i}]";
            VerifyText(v, sp + ".name", s.Name, 64);
            VerifyText(v, sp + ".value", s.Value, 2000);
            VerifySemantics(v, sp, s.SemanticId, s.SupplementalSemanticIds);
            if (string.Equals(s.Name, "globalAssetId", StringComparison.OrdinalIgnoreCase) && s.Value != a.GlobalAssetId)
                v.Add(sp, "AASd-116", "The reserved name globalAssetId requires the value to equal assetInformation.globalAssetId.");
            if (s.ExternalSubjectId is { } ext)
            {
                VerifyReference(v, sp + ".externalSubjectId", ext);
                if (ext.Type != ReferenceTypes.ExternalReference)
                    v.Add(sp + ".externalSubjectId", "AASd-133", "externalSubjectId shall be an ExternalReference.");
            }
        }
        if (a.DefaultThumbnail is { } t && t.ContentType is not null) VerifyContentType(v, ap + ".defaultThumbnail.contentType", t.ContentType);

        for (int i = 0; i < (shell.Submodels?.Count ?? 0); i++)
        {
            var r = shell.Submodels![i];
            string rp = $"{p}.submodels[{i}]";
            VerifyReference(v, rp, r);
            if (r.Type != ReferenceTypes.ModelReference || r.Keys.Count != 1 || r.Keys[0].Type != KeyTypes.Submodel)
                v.Add(rp, "AASd-123", "A shell's submodel reference shall be a ModelReference with one Submodel key.");
            else if (!submodelIds.Contains(r.Keys[0].Value))
                v.Add(rp, "SN-002", $"The referenced submodel '{r.Keys[0].Value}' is not in the environment.");
        }
    }

    private static void VerifySubmodel(Context v, string p, Submodel sm)
    {
        v.InTemplate = sm.Kind == ModellingKind.Template;
        VerifyIdentifiable(v, p, sm);
        VerifySemantics(v, p, sm.SemanticId, sm.SupplementalSemanticIds);
        VerifyQualifiers(v, p, sm.Qualifiers);
        VerifyDataSpecifications(v, p, sm.EmbeddedDataSpecifications);
        VerifyChildren(v, p + ".submodelElements", sm.SubmodelElements);
        v.InTemplate = false;
    }

    private static void VerifyChildren(Context v, string p, List<SubmodelElement>? children)
    {
        if (children is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < children.Count; i++)
        {
            var c = children[i];
            string cp = $"{p}[{i}]";
            if (c.IdShort is null)
                v.Add(cp, "AASd-117", "idShort is required for a referable that is not a SubmodelElementList item.");
            else if (!seen.Add(c.IdShort))
                v.Add(cp + ".idShort", "AASd-022", $"idShort '{c.IdShort}' is used twice in the same namespace.");
            VerifyElement(v, cp, c);
        }
    }

    private static void VerifyElement(Context v, string p, SubmodelElement e)
    {
        VerifyReferable(v, p, e);
        VerifySemantics(v, p, e.SemanticId, e.SupplementalSemanticIds);
        VerifyQualifiers(v, p, e.Qualifiers);
        VerifyDataSpecifications(v, p, e.EmbeddedDataSpecifications);
        if (e.Category is not null && e.IsDataElement && e.Category is not ("CONSTANT" or "PARAMETER" or "VARIABLE"))
            v.Add(p + ".category", "AASd-090", "A data element's category shall be CONSTANT, PARAMETER or VARIABLE.");

        switch (e)
        {
            case Property prop:
                if (prop.Value is not null) VerifyValue(v, p + ".value", prop.Value, prop.ValueType);
                if (prop.ValueId is not null) VerifyReference(v, p + ".valueId", prop.ValueId);
                break;
            case MultiLanguageProperty mlp:
                VerifyLangStrings(v, p + ".value", mlp.Value, 1023);
                if (mlp.ValueId is not null) VerifyReference(v, p + ".valueId", mlp.ValueId);
                break;
            case AasRange r:
                if (r.Min is not null) VerifyValue(v, p + ".min", r.Min, r.ValueType);
                if (r.Max is not null) VerifyValue(v, p + ".max", r.Max, r.ValueType);
                break;
            case AasFile f:
                VerifyContentType(v, p + ".contentType", f.ContentType);
                if (f.Value is not null) VerifyText(v, p + ".value", f.Value, 2000);
                break;
            case Blob b:
                VerifyContentType(v, p + ".contentType", b.ContentType);
                break;
            case ReferenceElement re:
                if (re.Value is not null) VerifyReference(v, p + ".value", re.Value);
                break;
            case SubmodelElementCollection smc:
                VerifyChildren(v, p + ".value", smc.Value);
                break;
            case SubmodelElementList sml:
                VerifyList(v, p, sml);
                break;
        }
    }

    private static void VerifyList(Context v, string p, SubmodelElementList sml)
    {
        if (sml.SemanticIdListElement is not null) VerifyReference(v, p + ".semanticIdListElement", sml.SemanticIdListElement);
        if (sml.TypeValueListElement is AasSubmodelElements.Property or AasSubmodelElements.Range && sml.ValueTypeListElement is null)
            v.Add(p, "AASd-109", "A list of Property or Range items needs valueTypeListElement.");
        Reference? firstSemantic = null;
        for (int i = 0; i < (sml.Value?.Count ?? 0); i++)
        {
            var c = sml.Value![i];
            string cp = $"{p}.value[{i}]";
            if (c.IdShort is not null)
                v.Add(cp + ".idShort", "AASd-120", "Items of a SubmodelElementList shall not have an idShort (V3.0).");
            if (!MatchesKind(c, sml.TypeValueListElement))
                v.Add(cp, "AASd-108", $"Item is a {c.ModelType} but typeValueListElement is {sml.TypeValueListElement}.");
            if (sml.SemanticIdListElement is not null && c.SemanticId is not null && !SameReference(c.SemanticId, sml.SemanticIdListElement))
                v.Add(cp + ".semanticId", "AASd-107", "Item semanticId differs from semanticIdListElement.");
            if (c.SemanticId is not null)
            {
                if (firstSemantic is null) firstSemantic = c.SemanticId;
                else if (!SameReference(firstSemantic, c.SemanticId))
                    v.Add(cp + ".semanticId", "AASd-114", "All items of a list shall have the same semanticId.");
            }
            var vt = c switch { Property pr => pr.ValueType, AasRange r => r.ValueType, _ => (DataTypeDefXsd?)null };
            if (vt is not null && sml.ValueTypeListElement is not null && vt != sml.ValueTypeListElement)
                v.Add(cp + ".valueType", "AASd-109", "Item valueType differs from valueTypeListElement.");
            VerifyElement(v, cp, c);
        }
    }

    private static bool MatchesKind(SubmodelElement e, AasSubmodelElements kind) => kind switch
    {
        AasSubmodelElements.SubmodelElement => true,
        AasSubmodelElements.DataElement => e.IsDataElement,
        _ => e.ElementKind == kind,
    };

    private static void VerifyConceptDescription(Context v, string p, ConceptDescription cd)
    {
        VerifyIdentifiable(v, p, cd);
        VerifyDataSpecifications(v, p, cd.EmbeddedDataSpecifications);
        for (int i = 0; i < (cd.IsCaseOf?.Count ?? 0); i++) VerifyReference(v, $"{p}.isCaseOf[{i}]", cd.IsCaseOf![i]);
    }

    private static void VerifyDataSpecifications(Context v, string p, List<EmbeddedDataSpecification>? specs)
    {
        for (int i = 0; i < (specs?.Count ?? 0); i++)
        {
            var eds = specs![i];
            string sp = $"{p}.embeddedDataSpecifications[{i}]";
            VerifyReference(v, sp + ".dataSpecification", eds.DataSpecification);
            var c = eds.DataSpecificationContent;
            string cp = sp + ".dataSpecificationContent";
            if (c.PreferredName.Count == 0)
                v.Add(cp + ".preferredName", "SCHEMA", "preferredName is required and shall not be empty.");
            VerifyLangStrings(v, cp + ".preferredName", c.PreferredName, 255);
            if (!c.PreferredName.Any(IsEnglish))
                v.Add(cp + ".preferredName", "AASc-3a-002", "preferredName shall be given at least in English.");
            VerifyLangStrings(v, cp + ".shortName", c.ShortName, 18);
            VerifyLangStrings(v, cp + ".definition", c.Definition, 1023);
            if (c.Definition is { Count: > 0 } && !c.Definition.Any(IsEnglish))
                v.Add(cp + ".definition", "AASc-3a-008", "definition shall be given at least in English.");
            if (c.Unit is not null) VerifyText(v, cp + ".unit", c.Unit, int.MaxValue);
            if (c.UnitId is not null) VerifyReference(v, cp + ".unitId", c.UnitId);
            if (c.DataType is DataTypeIec61360.INTEGER_MEASURE or DataTypeIec61360.REAL_MEASURE or DataTypeIec61360.RATIONAL_MEASURE
                or DataTypeIec61360.INTEGER_CURRENCY or DataTypeIec61360.REAL_CURRENCY && c.Unit is null && c.UnitId is null)
                v.Add(cp, "AASc-3a-009", $"dataType {c.DataType} requires unit or unitId.");
            if (c.Value is not null && c.ValueList is { Count: > 0 })
                v.Add(cp, "AASc-3a-010", "value and valueList shall not both be set.");
            for (int k = 0; k < (c.ValueList?.Count ?? 0); k++)
                VerifyReference(v, $"{cp}.valueList.valueReferencePairs[{k}].valueId", c.ValueList![k].ValueId);
        }
    }

    private static bool IsEnglish(LangString s) =>
        s.Language.Equals("en", StringComparison.OrdinalIgnoreCase) || s.Language.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

    private static void VerifyIdentifiable(Context v, string p, Identifiable i)
    {
        VerifyReferable(v, p, i);
        VerifyIdentifierText(v, p + ".id", i.Id);
        if (i.Administration is { } a)
        {
            if (a.Revision is not null && a.Version is null)
                v.Add(p + ".administration", "AASd-005", "A revision requires a version.");
            if (a.Version is not null) VerifyVersionPart(v, p + ".administration.version", a.Version);
            if (a.Revision is not null) VerifyVersionPart(v, p + ".administration.revision", a.Revision);
            if (a.TemplateId is not null) VerifyIdentifierText(v, p + ".administration.templateId", a.TemplateId);
            if (a.Creator is not null) VerifyReference(v, p + ".administration.creator", a.Creator);
        }
    }

    private static void VerifyVersionPart(Context v, string p, string s)
    {
        // Schema: ^(0|[1-9][0-9]*)$, at most 4 characters.
        if (s.Length is 0 or > 4 || !s.All(char.IsAsciiDigit) || (s.Length > 1 && s[0] == '0'))
            v.Add(p, "SCHEMA", "version/revision shall be a number without leading zeros, at most 4 digits.");
    }

    private static void VerifyReferable(Context v, string p, Referable r)
    {
        if (r.IdShort is not null && !IdShortSanitizer.IsValid(r.IdShort))
            v.Add(p + ".idShort", "AASd-002", $"idShort '{r.IdShort}' shall match ^[a-zA-Z][a-zA-Z0-9_]*$ with 1..128 characters.");
        if (r.Category is not null) VerifyText(v, p + ".category", r.Category, 128);
        VerifyLangStrings(v, p + ".displayName", r.DisplayName, 128);
        VerifyLangStrings(v, p + ".description", r.Description, 1023);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (r.Extensions?.Count ?? 0); i++)
        {
            var x = r.Extensions![i];
            string xp = $"{p}.extensions[{i}]";
            VerifyText(v, xp + ".name", x.Name, 128);
            if (!names.Add(x.Name)) v.Add(xp + ".name", "AASd-077", $"Extension name '{x.Name}' is used twice.");
            VerifySemantics(v, xp, x.SemanticId, x.SupplementalSemanticIds);
            if (x.Value is not null && x.ValueType is { } vt) VerifyValue(v, xp + ".value", x.Value, vt);
            for (int k = 0; k < (x.RefersTo?.Count ?? 0); k++) VerifyReference(v, $"{xp}.refersTo[{k}]", x.RefersTo![k]);
        }
    }

    private static void VerifySemantics(Context v, string p, Reference? semanticId, List<Reference>? supplemental)
    {
        if (semanticId is not null) VerifyReference(v, p + ".semanticId", semanticId);
        if (supplemental is { Count: > 0 })
        {
            if (semanticId is null)
                v.Add(p + ".supplementalSemanticIds", "AASd-118", "supplementalSemanticIds require a semanticId.");
            for (int i = 0; i < supplemental.Count; i++) VerifyReference(v, $"{p}.supplementalSemanticIds[{i}]", supplemental[i]);
        }
    }

    private static void VerifyQualifiers(Context v, string p, List<Qualifier>? qualifiers)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (qualifiers?.Count ?? 0); i++)
        {
            var q = qualifiers![i];
            string qp = $"{p}.qualifiers[{i}]";
            VerifyText(v, qp + ".type", q.Type, 128);
            if (!types.Add(q.Type)) v.Add(qp + ".type", "AASd-021", $"Qualifier type '{q.Type}' is used twice on the same element.");
            if (q.Value is not null && !XsdValue.IsValid(q.Value, q.ValueType))
                v.Add(qp + ".value", "AASd-020", $"Qualifier value '{q.Value}' is not a valid {q.ValueType.ToXsName()}.");
            if (q.Kind == QualifierKind.TemplateQualifier && !v.InTemplate)
                v.Add(qp + ".kind", "AASd-119/129", "A TemplateQualifier is only allowed in a submodel of kind Template.");
            VerifySemantics(v, qp, q.SemanticId, q.SupplementalSemanticIds);
            if (q.ValueId is not null) VerifyReference(v, qp + ".valueId", q.ValueId);
        }
    }

    private static void VerifyValue(Context v, string p, string value, DataTypeDefXsd type)
    {
        if (!VerifyText(v, p, value, int.MaxValue)) return;
        if (!XsdValue.IsValid(value, type))
            v.Add(p, "VALUE", $"Value '{value}' is not consistent with the value type {type.ToXsName()}.");
    }

    private static void VerifyReference(Context v, string p, Reference r)
    {
        if (r.Keys.Count == 0)
        {
            v.Add(p + ".keys", "SCHEMA", "A reference needs at least one key.");
            return;
        }
        if (r.ReferredSemanticId is not null) VerifyReference(v, p + ".referredSemanticId", r.ReferredSemanticId);
        for (int i = 0; i < r.Keys.Count; i++) VerifyIdentifierText(v, $"{p}.keys[{i}].value", r.Keys[i].Value);
        var first = r.Keys[0].Type;
        var last = r.Keys[^1].Type;
        if (r.Type == ReferenceTypes.ExternalReference)
        {
            if (!GenericGloballyIdentifiables.Contains(first))
                v.Add(p + ".keys[0].type", "AASd-122", "An ExternalReference shall start with a GlobalReference key.");
            if (last is not (KeyTypes.GlobalReference or KeyTypes.FragmentReference))
                v.Add(p + $".keys[{r.Keys.Count - 1}].type", "AASd-124", "An ExternalReference shall end with a GlobalReference or FragmentReference key.");
        }
        else
        {
            if (!AasIdentifiables.Contains(first))
                v.Add(p + ".keys[0].type", "AASd-123", "A ModelReference shall start with an AAS identifiable key.");
            for (int i = 1; i < r.Keys.Count; i++)
            {
                var k = r.Keys[i];
                if (!FragmentKeys.Contains(k.Type))
                    v.Add($"{p}.keys[{i}].type", "AASd-125", "Keys after the first of a ModelReference shall be fragment keys.");
                if (k.Type == KeyTypes.FragmentReference && i != r.Keys.Count - 1)
                    v.Add($"{p}.keys[{i}].type", "AASd-126", "A FragmentReference key may only be the last key.");
                if (k.Type == KeyTypes.FragmentReference && r.Keys[i - 1].Type is not (KeyTypes.File or KeyTypes.Blob))
                    v.Add($"{p}.keys[{i}].type", "AASd-127", "A FragmentReference key shall follow a File or Blob key.");
                if (r.Keys[i - 1].Type == KeyTypes.SubmodelElementList && !IsIndex(k.Value))
                    v.Add($"{p}.keys[{i}].value", "AASd-128", "The key after a SubmodelElementList key shall be an item index.");
            }
        }
    }

    private static bool IsIndex(string s) => s.Length > 0 && s.All(char.IsAsciiDigit) && (s.Length == 1 || s[0] != '0');

    private static void VerifyContentType(Context v, string p, string contentType)
    {
        if (contentType.Length is 0 or > 100 || !ContentTypePattern().IsMatch(contentType))
            v.Add(p, "SCHEMA", $"'{contentType}' is not a valid MIME content type of at most 100 characters.");
    }

    private static void VerifyIdentifierText(Context v, string p, string id) => VerifyText(v, p, id, 2000);

    /// <summary>Non-empty, length-limited, XML 1.0 characters only (AASd-130).</summary>
    private static bool VerifyText(Context v, string p, string s, int maxLength)
    {
        bool ok = true;
        if (s.Length == 0) { v.Add(p, "SCHEMA", "The string shall not be empty."); ok = false; }
        if (s.Length > maxLength) { v.Add(p, "SCHEMA", $"The string is longer than {maxLength} characters."); ok = false; }
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            bool valid = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[++i]));
            if (!valid)
            {
                v.Add(p, "AASd-130", $"Character U+{(int)c:X4} at index {i} is not an XML 1.0 character.");
                return false;
            }
        }
        return ok;
    }

    private static void VerifyLangStrings(Context v, string p, List<LangString>? set, int maxLength)
    {
        if (set is null) return;
        var languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < set.Count; i++)
        {
            var s = set[i];
            string sp = $"{p}[{i}]";
            if (!Bcp47().IsMatch(s.Language))
                v.Add(sp + ".language", "SCHEMA", $"'{s.Language}' is not a BCP 47 language tag.");
            else if (!languages.Add(s.Language))
                v.Add(sp + ".language", "LANG", $"Language '{s.Language}' appears twice in one language string set.");
            VerifyText(v, sp + ".text", s.Text, maxLength);
        }
    }

    private static bool SameReference(Reference a, Reference b)
    {
        if (a.Type != b.Type || a.Keys.Count != b.Keys.Count) return false;
        for (int i = 0; i < a.Keys.Count; i++)
            if (a.Keys[i].Type != b.Keys[i].Type || a.Keys[i].Value != b.Keys[i].Value) return false;
        return true;
    }
}
