namespace SensorNode.Aas.Tests;

public sealed class IdShortSanitizerTests
{
    [Theory]
    [InlineData("프레스 7호기", "Peureseu7Hogi")]
    [InlineData("압축기", "Apchukgi")]
    [InlineData("2공장 펌프", "Asset_2GongjangPeompeu")]
    [InlineData("Press 7 (hydraulic)", "Press7Hydraulic")]
    [InlineData("Müller Fräse", "MullerFrase")]
    [InlineData("Straße", "Strasse")]
    [InlineData("pump_3", "Pump_3")]
    [InlineData("", "Asset")]
    [InlineData("!!!", "Asset")]
    [InlineData("42", "Asset_42")]
    [InlineData("станок", "U0441U0442U0430U043DU043EU043A")]
    public void Sanitize_gives_a_valid_readable_idShort(string name, string expected)
    {
        string idShort = IdShortSanitizer.Sanitize(name);
        Assert.Equal(expected, idShort);
        Assert.True(IdShortSanitizer.IsValid(idShort));
    }

    [Fact]
    public void Long_names_are_cut_to_128_with_a_hash_that_keeps_them_distinct()
    {
        string a = IdShortSanitizer.Sanitize(new string('가', 200) + "A");
        string b = IdShortSanitizer.Sanitize(new string('가', 200) + "B");
        Assert.Equal(128, a.Length);
        Assert.True(IdShortSanitizer.IsValid(a));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Control_characters_and_emoji_do_not_leak_into_the_idShort()
    {
        string idShort = IdShortSanitizer.Sanitize("Line\u0001 2 \U0001F600 pump");
        Assert.True(IdShortSanitizer.IsValid(idShort), idShort);
        Assert.Equal("Line2Pump", idShort);
    }

    [Fact]
    public void MakeUnique_appends_a_counter_and_folds_case()
    {
        var taken = new HashSet<string>();
        Assert.Equal("Press", IdShortSanitizer.MakeUnique("Press", taken));
        Assert.Equal("Press_2", IdShortSanitizer.MakeUnique("Press", taken));
        Assert.Equal("PRESS_3", IdShortSanitizer.MakeUnique("PRESS", taken));
        Assert.Equal(3, taken.Count);
    }

    [Fact]
    public void MakeUnique_stays_within_128_characters()
    {
        var name = new string('A', 128);
        var taken = new HashSet<string> { name };
        string unique = IdShortSanitizer.MakeUnique(name, taken);
        Assert.Equal(128, unique.Length);
        Assert.EndsWith("_2", unique);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("A_1", true)]
    [InlineData("1a", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    [InlineData("프레스", false)]
    public void IsValid_follows_AASd_002(string idShort, bool valid) => Assert.Equal(valid, IdShortSanitizer.IsValid(idShort));
}
