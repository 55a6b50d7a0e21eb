using SensorNode.ApiGuard.Guard;
using Xunit;

namespace SensorNode.ApiGuard;

/// <summary>
/// The guard over the repository: one test case per nanoFramework project found under firmware/ and tests/ at
/// test time, so a failure names the project, and its message lists every violation, not just the first.
/// </summary>
public class ProjectGuardTests
{
    public static IEnumerable<object[]> Projects() =>
        NfProject.FindAll(RepoPaths.RepoRoot).Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Projects))]
    public void NanoFramework_project_passes_the_api_guard(string project)
    {
        var violations = GuardContext.Guard.CheckProject(project);
        Assert.True(violations.Count == 0,
            $"{project}: {violations.Count} nanoFramework 1.x guard violation(s) (see docs/api-guard.md):\n" +
            string.Join("\n", violations.Select(v => "  " + v)));
    }

    [Fact]
    public void The_known_projects_are_found()
    {
        var projects = NfProject.FindAll(RepoPaths.RepoRoot);
        Assert.Contains("firmware/SensorNode.Core/SensorNode.Core.nfproj", projects);
        Assert.Contains("tests/SensorNode.Core.Tests/NFUnitTest.nfproj", projects);
    }

    [Fact]
    public void Every_project_uses_the_same_version_of_each_package()
    {
        var uses = NfProject.FindAll(RepoPaths.RepoRoot)
            .SelectMany(p => NfProject.Load(Path.Combine(RepoPaths.RepoRoot, p)).Packages.Select(pk => (Project: p, pk.Id, pk.Version)))
            .GroupBy(u => u.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(u => u.Version).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(u => $"{u.Version} in {u.Project}")))
            .ToList();
        Assert.True(uses.Count == 0, "one firmware image deploys one version of each assembly:\n" + string.Join("\n", uses));
    }
}
