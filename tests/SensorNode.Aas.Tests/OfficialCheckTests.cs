using SensorNode.Aas.Tests.Infrastructure;
using SensorNode.Aas.Verification;

namespace SensorNode.Aas.Tests;

/// <summary>The generated AAS against the official oracles: the V3.0 JSON schema (ajv, honours const) and the
/// aas-core3.0 verifier, including the official ../shared/aas/aas-verify.mjs script.</summary>
[Collection(OracleCollection.Name)]
public sealed class OfficialCheckTests(OracleFixture fx)
{
    public static TheoryData<string> Valid => new(OracleFixture.ValidScenarios);

    [Theory]
    [MemberData(nameof(Valid))]
    public void Scenario_passes_the_json_schema(string scenario)
    {
        var report = fx.Reports[scenario];
        Assert.True(report.SchemaErrors.Count == 0, string.Join("\n", report.SchemaErrors));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Scenario_passes_aas_core_verification(string scenario)
    {
        var report = fx.Reports[scenario];
        Assert.True(report.VerifyErrors.Count == 0, string.Join("\n", report.VerifyErrors));
    }

    [Theory]
    [InlineData("press")]
    [InlineData("korean")]
    [InlineData("minimal")]
    [InlineData("fleet")]
    public void Scenario_passes_the_projects_own_verifier(string scenario)
    {
        var violations = AasVerifier.Verify(fx.Environments[scenario]);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Official_verifier_script_accepts_the_fleet_environment()
    {
        Assert.True(fx.OfficialFleet.ExitCode == 0, fx.OfficialFleet.ToString());
        Assert.Contains("OK: no verification errors", fx.OfficialFleet.StdOut);
    }

    [Fact]
    public void Official_verifier_script_accepts_the_json_inside_the_aasx()
    {
        Assert.True(fx.OfficialAasx.ExitCode == 0, fx.OfficialAasx.ToString());
        Assert.Contains("OK: no verification errors", fx.OfficialAasx.StdOut);
    }

    [Fact]
    public void Broken_environment_is_rejected_by_both_oracles()
    {
        Assert.Equal(1, fx.OfficialBroken.ExitCode);
        Assert.NotEmpty(fx.Reports["broken"].SchemaErrors);
        Assert.NotEmpty(fx.Reports["broken"].VerifyErrors);
    }

    [Fact]
    public void Own_verifier_reports_everything_aas_core_reports_in_the_broken_environment()
    {
        var ours = AasVerifier.Verify(fx.Environments["broken"]);
        foreach (var line in fx.Reports["broken"].VerifyErrors)
        {
            string path = line[..line.IndexOf(": ", StringComparison.Ordinal)];
            Assert.True(ours.Any(v => v.Path.StartsWith(path, StringComparison.Ordinal)),
                $"aas-core reported '{line}' but the project's verifier has nothing at {path}:\n{string.Join("\n", ours)}");
        }
        foreach (var rule in new[] { "AASd-002", "AASd-131", "AASd-022", "AASd-120", "AASd-021", "VALUE" })
            Assert.Contains(ours, v => v.Rule == rule);
        Assert.Contains(ours, v => v.Path == ".submodels[0].submodelElements[0].value" && v.Rule == "VALUE");
        Assert.Contains(ours, v => v.Path == ".submodels[0].submodelElements[2].idShort" && v.Rule == "AASd-022");
    }
}
