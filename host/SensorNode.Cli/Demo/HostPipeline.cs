using System.Collections.Concurrent;
using SensorNode.Aas;
using SensorNode.Aas.Mapping;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Registry;

namespace SensorNode.Cli.Demo;

/// <summary>
/// The host side the demo and <c>serve</c> run: the SDK feed client consuming the broker, every birth recorded in
/// the SQLite registry and mapped to an AAS shell, telemetry updating the AAS live values, status and last seen
/// kept in the registry. Events are also handed to the caller (for printing).
/// </summary>
public sealed class HostPipeline(FeedClient feed, INodeRegistry registry, IAasRepository aas)
{
    private long _telemetry;
    private long _alarms;
    private long _births;

    public ConcurrentDictionary<string, TelemetryReceived> Latest { get; } = new(StringComparer.Ordinal);

    public long TelemetryCount => Interlocked.Read(ref _telemetry);

    public long AlarmCount => Interlocked.Read(ref _alarms);

    public long BirthCount => Interlocked.Read(ref _births);

    public event Action<FeedEvent>? Event;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var events = feed.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await feed.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (await events.MoveNextAsync().ConfigureAwait(false))
            {
                var e = events.Current;
                switch (e)
                {
                    case BirthReceived b:
                        Interlocked.Increment(ref _births);
                        await registry.RecordBirthAsync(new NodeBirthInfo(b.Node.Site, b.Node.NodeId, b.Birth.FirmwareVersion, b.Birth.Board,
                            b.Birth.ConfigHash, [], b.ReceivedAt), cancellationToken).ConfigureAwait(false);
                        aas.UpsertMachine(new MachineDescription
                        {
                            Site = b.Node.Site,
                            NodeId = b.Node.NodeId,
                            AssetName = string.IsNullOrEmpty(b.Birth.AssetName) ? b.Node.NodeId : b.Birth.AssetName,
                        });
                        break;
                    case TelemetryReceived t:
                        Interlocked.Increment(ref _telemetry);
                        Latest[t.Node.NodeId] = t;
                        aas.UpdateReadings(TelemetrySample.FromRecord(t.Node.NodeId, t.Record));
                        await registry.RecordLastSeenAsync([new LastSeenUpdate(t.Node.NodeId, t.ReceivedAt)], cancellationToken).ConfigureAwait(false);
                        break;
                    case AlarmReceived:
                        Interlocked.Increment(ref _alarms);
                        break;
                    case NodeStatusChanged s:
                        await registry.SetOnlineAsync(s.Node.NodeId, s.Online, s.ReceivedAt, cancellationToken).ConfigureAwait(false);
                        aas.SetOnline(s.Node.NodeId, s.Online);
                        break;
                }
                Event?.Invoke(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }
}
