using SensorNode.Aas.Model;
using SensorNode.Aas.Packaging;
using SensorNode.Aas.Serialization;
using SensorNode.Aas.Verification;

namespace SensorNode.Aas;

/// <summary>Exports of a repository's content (for <c>sensornode aas export</c> and the like).</summary>
public static class AasExport
{
    /// <summary>The whole content, or only the machines of <paramref name="nodeIds"/>, as an environment JSON.</summary>
    public static byte[] ExportJson(this IAasRepository repository, bool indented = true, IReadOnlyCollection<string>? nodeIds = null) =>
        repository.Read(v => AasJsonWriter.SerializeEnvironment(Select(repository, v, nodeIds), indented));

    /// <summary>Writes an .aasx of the whole content (or the given machines) to <paramref name="output"/>.</summary>
    public static void ExportAasx(this IAasRepository repository, Stream output, string packageName = "environment",
        IReadOnlyCollection<string>? nodeIds = null) =>
        repository.Read(v =>
        {
            AasxWriter.Write(output, Select(repository, v, nodeIds), packageName);
            return 0;
        });

    /// <summary>The project's verifier over the current content (empty when everything holds).</summary>
    public static IReadOnlyList<AasViolation> Verify(this IAasRepository repository) =>
        repository.Read(v => AasVerifier.Verify(v.ToEnvironment()));

    private static AasEnvironment Select(IAasRepository repository, IAasView view, IReadOnlyCollection<string>? nodeIds)
    {
        var env = view.ToEnvironment();
        if (nodeIds is null) return env;
        var machines = repository.Machines.Where(m => nodeIds.Contains(m.NodeId)).ToList();
        var shellIds = machines.Select(m => m.ShellId).ToHashSet(StringComparer.Ordinal);
        var smIds = machines.SelectMany(m => new[] { m.NameplateId, m.ConditionId, m.TimeSeriesId, m.InterfacesId }).ToHashSet(StringComparer.Ordinal);
        env.AssetAdministrationShells = env.AssetAdministrationShells!.Where(s => shellIds.Contains(s.Id)).ToList();
        env.Submodels = env.Submodels!.Where(s => smIds.Contains(s.Id)).ToList();
        return env;
    }
}
