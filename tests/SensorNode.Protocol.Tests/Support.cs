using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNode.Core.Hardware;
using JsonWriter = SensorNode.Core.Json.JsonWriter;
using JsonNode = System.Text.Json.Nodes.JsonNode;

namespace SensorNode.Protocol.Tests;

/// <summary>Paths of the repository, found from the project directory recorded at build time.</summary>
public static class Repo
{
    public static string ProjectDirectory { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "ProjectDirectory").Value!;

    public static string Root => Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    public static string NodeDirectory => Path.Combine(ProjectDirectory, "node");

    public static string SchemaDirectory => Path.Combine(Root, "docs", "schemas");

    public static string AsyncApiFile => Path.Combine(Root, "docs", "asyncapi.yaml");
}

/// <summary>Runs the node scripts in node/ (ajv, @asyncapi/parser).</summary>
public static class NodeScript
{
    public static JsonNode Run(string script, string? stdin, params string[] args)
    {
        if (!Directory.Exists(Path.Combine(Repo.NodeDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"npm packages missing: run `npm ci --prefix {Path.GetRelativePath(Environment.CurrentDirectory, Repo.NodeDirectory)}`");
        }

        var psi = new ProcessStartInfo("node") { WorkingDirectory = Repo.NodeDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin != null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException(script);
        }

        string stdout = stdoutTask.Result;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {p.ExitCode}: {stderrTask.Result}");
        }

        return JsonNode.Parse(stdout)!;
    }
}

/// <summary>One message to validate against a schema.</summary>
public sealed record SchemaCase(string Name, string Schema, string Json);

public static class Ajv
{
    /// <summary>Validates every case in one node run; returns name → (valid, errors).</summary>
    public static Dictionary<string, (bool Valid, string Errors)> Validate(IEnumerable<SchemaCase> cases)
    {
        var input = new JsonObject
        {
            ["schemaDir"] = Repo.SchemaDirectory,
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["schema"] = c.Schema,
                ["data"] = JsonNode.Parse(c.Json),
            }).ToArray()),
        };
        var output = NodeScript.Run("validate.mjs", input.ToJsonString());
        return output["results"]!.AsArray().ToDictionary(
            r => r!["name"]!.GetValue<string>(),
            r => (r!["valid"]!.GetValue<bool>(), string.Join("; ", r["errors"]!.AsArray().Select(e => e!.GetValue<string>()))));
    }
}

/// <summary>An in-memory blob store (the desktop twin of the core tests' MemoryBlobStore).</summary>
public sealed class DictionaryBlobStore : IBlobStore
{
    private readonly Dictionary<string, byte[]> _blobs = new();

    public int Read(string name, byte[] buffer)
    {
        if (!_blobs.TryGetValue(name, out var data) || data.Length > buffer.Length)
        {
            return -1;
        }

        data.CopyTo(buffer, 0);
        return data.Length;
    }

    public bool Write(string name, byte[] data, int length)
    {
        _blobs[name] = data.AsSpan(0, length).ToArray();
        return true;
    }

    public bool Delete(string name) => _blobs.Remove(name) || true;
}

/// <summary>Collects what the node writes to the serial line, line by line.</summary>
public sealed class CapturingSerialLine : ISerialLine
{
    private readonly List<byte> _pending = new();
    private byte[] _input = Array.Empty<byte>();
    private int _inputPos;

    public List<string> Lines { get; } = new();

    public bool KeepLines { get; set; } = true;

    public int LineCount { get; private set; }

    public Action<byte[], int>? OnLine { get; set; }

    public void Send(string text)
    {
        _input = _input.Skip(_inputPos).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        _inputPos = 0;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _input.Length - _inputPos);
        Array.Copy(_input, _inputPos, buffer, offset, n);
        _inputPos += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            byte b = buffer[offset + i];
            if (b == (byte)'\n')
            {
                var line = _pending.ToArray();
                _pending.Clear();
                LineCount++;
                OnLine?.Invoke(line, line.Length);
                if (KeepLines)
                {
                    Lines.Add(Encoding.UTF8.GetString(line));
                }
            }
            else
            {
                _pending.Add(b);
            }
        }
    }
}

public static class Text
{
    public static string Of(JsonWriter w) => Encoding.UTF8.GetString(w.Buffer, w.Offset, w.Length);

    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    public static string Pretty(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json), new JsonSerializerOptions { WriteIndented = true });
}
