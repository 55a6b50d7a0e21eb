using System.Collections.Concurrent;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulator.Hardware;

/// <summary>The node's flash in RAM: what a virtual node persists lives as long as the simulation.</summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public int Read(string name, byte[] buffer)
    {
        if (!_blobs.TryGetValue(name, out var blob) || blob.Length > buffer.Length) return -1;
        Array.Copy(blob, buffer, blob.Length);
        return blob.Length;
    }

    public bool Write(string name, byte[] data, int length)
    {
        if (length < 0 || length > data.Length) return false;
        _blobs[name] = data.AsSpan(0, length).ToArray();
        return true;
    }

    public bool Delete(string name)
    {
        _blobs.TryRemove(name, out _);
        return true;
    }
}
