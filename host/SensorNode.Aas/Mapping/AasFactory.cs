using SensorNode.Aas.Model;

namespace SensorNode.Aas.Mapping;

/// <summary>Small constructors that keep the mapping code readable.</summary>
internal static class AasFactory
{
    public static Property Prop(string idShort, DataTypeDefXsd type, string? value, string? semanticId, string? category = null) =>
        new(idShort, type, value)
        {
            SemanticId = semanticId is null ? null : Reference.Global(semanticId),
            Category = category,
        };

    public static MultiLanguageProperty Mlp(string idShort, string? semanticId, params LangString[] texts) =>
        new(idShort, texts.Length == 0 ? null : [.. texts])
        {
            SemanticId = semanticId is null ? null : Reference.Global(semanticId),
        };

    public static SubmodelElementCollection Smc(string idShort, string? semanticId, params SubmodelElement[] children) =>
        new(idShort, children.Length == 0 ? null : [.. children])
        {
            SemanticId = semanticId is null ? null : Reference.Global(semanticId),
        };

    public static List<LangString> Text(string language, string text) => [new LangString(language, text)];

    /// <summary>"ko" when the text contains Hangul, else "en".</summary>
    public static string DetectLanguage(string? text)
    {
        if (text is null) return "en";
        foreach (char c in text)
            if (c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F') return "ko";
        return "en";
    }

    /// <summary>Removes characters AASd-130 forbids (control characters from device strings) and trims.</summary>
    public static string Clean(string text, int maxLength)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))
            {
                sb.Append(c);
            }
        }
        string s = sb.ToString().Trim();
        if (s.Length > maxLength)
        {
            int cut = maxLength;
            if (char.IsLowSurrogate(s[cut])) cut--;
            s = s[..cut];
        }
        return s;
    }

    public static ConceptDescription Concept(string name, string preferredName, string definition, DataTypeIec61360? dataType = null,
        string? unit = null, string? unitIrdi = null, string? sourceOfDefinition = null)
    {
        var content = new DataSpecificationIec61360([new LangString("en", preferredName)])
        {
            Definition = [new LangString("en", definition)],
            DataType = dataType,
            Unit = unit,
            UnitId = unitIrdi is null ? null : Reference.Global(unitIrdi),
            SourceOfDefinition = sourceOfDefinition,
        };
        return new ConceptDescription(AasIds.Concept(name))
        {
            IdShort = name,
            EmbeddedDataSpecifications = [EmbeddedDataSpecification.Iec61360(content)],
        };
    }
}
