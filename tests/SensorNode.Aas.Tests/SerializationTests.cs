using System.Globalization;
using System.Text.Json;
using SensorNode.Aas.Model;
using SensorNode.Aas.Serialization;

namespace SensorNode.Aas.Tests;

public sealed class SerializationTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(double.PositiveInfinity, "INF")]
    [InlineData(double.NegativeInfinity, "-INF")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void Doubles_use_the_xsd_lexical_space(double value, string expected)
    {
        Assert.Equal(expected, XsdValue.Double(value));
        Assert.True(XsdValue.IsValid(expected, DataTypeDefXsd.Double));
    }

    [Fact]
    public void Formatting_ignores_the_thread_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1.5", XsdValue.Double(1.5));
            Assert.Equal("2.1", XsdValue.Measurement(2.1f));
            Assert.Equal("-12345", XsdValue.Long(-12345));
            Assert.Equal("2026-11-23T08:00:00Z", XsdValue.DateTime(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.FromHours(9))));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Measurement_prints_float32_values_without_float_noise()
    {
        Assert.Equal("2.1", XsdValue.Measurement(2.1f));
        Assert.Equal("0.30000000000000004", XsdValue.Measurement(0.1 + 0.2));
        Assert.Equal("123.456789", XsdValue.Measurement(123.456789));
    }

    [Theory]
    [InlineData("1,5", DataTypeDefXsd.Double, false)]
    [InlineData(" 1.5", DataTypeDefXsd.Double, false)]
    [InlineData("Infinity", DataTypeDefXsd.Double, false)]
    [InlineData("1e400", DataTypeDefXsd.Double, false)]
    [InlineData("+1.5E3", DataTypeDefXsd.Double, true)]
    [InlineData("1e39", DataTypeDefXsd.Float, false)]
    [InlineData("True", DataTypeDefXsd.Boolean, false)]
    [InlineData("1", DataTypeDefXsd.Boolean, true)]
    [InlineData("2147483648", DataTypeDefXsd.Int, false)]
    [InlineData("2147483647", DataTypeDefXsd.Int, true)]
    [InlineData("4294967295", DataTypeDefXsd.UnsignedInt, true)]
    [InlineData("-1", DataTypeDefXsd.UnsignedInt, false)]
    [InlineData("2026-02-30T00:00:00Z", DataTypeDefXsd.DateTime, false)]
    [InlineData("2026-11-23T08:00:00.123Z", DataTypeDefXsd.DateTime, true)]
    [InlineData("2026-11-23", DataTypeDefXsd.Date, true)]
    [InlineData("PT1.5S", DataTypeDefXsd.Duration, true)]
    [InlineData("P", DataTypeDefXsd.Duration, false)]
    public void Lexical_validation_matches_the_rules_aas_core_enforces(string text, DataTypeDefXsd type, bool valid) =>
        Assert.Equal(valid, XsdValue.IsValid(text, type));

    [Fact]
    public void Empty_lists_are_omitted_and_modelType_is_written()
    {
        var sm = new Submodel("urn:x:sm")
        {
            IdShort = "S",
            SubmodelElements = [new SubmodelElementCollection("Empty", []) { Qualifiers = [] }, new Property("P", DataTypeDefXsd.Double, "1")],
            Qualifiers = [],
            Description = [],
        };
        var env = new AasEnvironment { Submodels = [sm], AssetAdministrationShells = [] };
        using var doc = JsonDocument.Parse(AasJsonWriter.SerializeEnvironment(env));
        var root = doc.RootElement;
        Assert.False(root.TryGetProperty("assetAdministrationShells", out _));
        var s = root.GetProperty("submodels")[0];
        Assert.Equal("Submodel", s.GetProperty("modelType").GetString());
        Assert.False(s.TryGetProperty("qualifiers", out _));
        Assert.False(s.TryGetProperty("description", out _));
        var smc = s.GetProperty("submodelElements")[0];
        Assert.Equal("SubmodelElementCollection", smc.GetProperty("modelType").GetString());
        Assert.False(smc.TryGetProperty("value", out _));
        var p = s.GetProperty("submodelElements")[1];
        Assert.Equal("xs:double", p.GetProperty("valueType").GetString());
        Assert.Equal(JsonValueKind.String, p.GetProperty("value").ValueKind);
    }

    [Fact]
    public void Hangul_is_written_as_utf8_text_not_escapes()
    {
        var sm = new Submodel("urn:x") { IdShort = "S", DisplayName = [new LangString("ko", "프레스")] };
        string json = System.Text.Encoding.UTF8.GetString(AasJsonWriter.Serialize(w => AasJsonWriter.WriteSubmodel(w, sm)));
        Assert.Contains("프레스", json);
    }

    [Fact]
    public void ValueOnly_maps_xsd_types_to_json_types()
    {
        var smc = new SubmodelElementCollection("G",
        [
            new Property("D", DataTypeDefXsd.Double, "2.5"),
            new Property("Inf", DataTypeDefXsd.Double, "INF"),
            new Property("B", DataTypeDefXsd.Boolean, "true"),
            new Property("I", DataTypeDefXsd.Int, "7"),
            new Property("S", DataTypeDefXsd.String, "A"),
            new MultiLanguageProperty("M", [new LangString("ko", "가")]),
            new AasRange("R", DataTypeDefXsd.Double, "0", "7.1"),
        ]);
        using var doc = JsonDocument.Parse(AasJsonWriter.Serialize(w => AasJsonWriter.WriteValueOnly(w, smc)));
        var r = doc.RootElement;
        Assert.Equal(2.5, r.GetProperty("D").GetDouble());
        Assert.Equal("INF", r.GetProperty("Inf").GetString());
        Assert.True(r.GetProperty("B").GetBoolean());
        Assert.Equal(7, r.GetProperty("I").GetInt32());
        Assert.Equal("A", r.GetProperty("S").GetString());
        Assert.Equal("가", r.GetProperty("M")[0].GetProperty("ko").GetString());
        Assert.Equal(7.1, r.GetProperty("R").GetProperty("max").GetDouble());
    }
}
