using System.Buffers;
using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Protocol;

namespace SensorNode.Sdk.Feed;

/// <summary>Reads a node's <c>config/reported</c> document with the core's <see cref="ConfigCodec.ReadReported"/>
/// (the same code that writes it on the node).</summary>
internal static class ReportedConfigDecoder
{
    public static (NodeConfig Config, long Counter, string Hash) Decode(ReadOnlySequence<byte> payload)
    {
        if (payload.Length > ConfigCodec.MaxDocumentBytes + 256)
            throw new PayloadDecodeException("reported config", ResultCode.JsonTooLarge, $"{payload.Length} bytes");
        var bytes = payload.ToArray();
        var config = new NodeConfig();
        var errors = new FieldErrors();
        int result = ConfigCodec.ReadReported(bytes, 0, bytes.Length, config, out long counter, out string hash, errors);
        if (result != ResultCode.Ok) throw new PayloadDecodeException("reported config", result, PayloadDecoder.Describe(errors));
        return (config, counter, hash);
    }
}
