using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using SensorNode.Cli.Output;
using SensorNode.Cli.Resources;
using SensorNode.Core.Features;
using SensorNode.Sdk.Feed;
using Spectre.Console;

namespace SensorNode.Cli.Commands;

/// <summary><c>sensornode watch</c>: a live table of every node's latest values (or JSON lines with --json).</summary>
public static class WatchCommand
{
    private static readonly string[] Zones = ["A", "B", "C", "D"];

    public static Command Create(GlobalOptions globals)
    {
        var host = new HostConnection();
        var command = new Command("watch", Messages.CmdWatch);
        host.AddBrokerOptions(command);
        command.Add(host.Site);
        var duration = new Option<string?>("--duration") { Description = Messages.OptDuration };
        command.Add(duration);
        command.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            var (broker, error, code) = host.BrokerOptions(parse);
            if (broker is null) return ctx.Fail(code, error!);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(duration) is { } d)
            {
                if (!DurationParser.TryParse(d, out var span)) return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrDuration), d));
                stop.CancelAfter(span);
            }
            await using var feed = new FeedClient(new FeedClientOptions { Broker = broker, Site = parse.GetValue(host.Site)! });
            var latest = new ConcurrentDictionary<string, (MeasurementRecord Record, DateTimeOffset At)>();
            var alarms = new ConcurrentDictionary<string, string>();
            var online = new ConcurrentDictionary<string, bool>();
            feed.Telemetry += t =>
            {
                latest[t.Node.NodeId] = (t.Record, t.ReceivedAt);
                if (ctx.Json)
                    lock (ctx) ctx.WriteJson(new { node = t.Node.NodeId, site = t.Node.Site, seq = t.Sequence, vrms = Max(t.Record.VelocityRms, t.Record.AxisCount), irms = t.Record.CurrentRms, temp = t.Record.TemperatureC });
            };
            feed.Alarm += a => alarms[a.Node.NodeId] = $"{a.Level} {a.Alarm.FeatureKey}";
            feed.StatusChanged += s => online[s.Node.NodeId] = s.Online;
            try
            {
                await feed.StartAsync(stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return ctx.Fail(ExitCodes.Unreachable, Messages.Format(nameof(Messages.ErrConnect), broker, e.Message));
            }

            if (ctx.Json)
            {
                try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
                return ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
            }

            Table Render()
            {
                var table = new Table().Title(Markup.Escape(broker.ToString())).AddColumns("node", "online", "zone", "vrms mm/s", "kurt", "bpfo m/s²", "I A", "°C", "alarm", "age");
                foreach (var (id, (r, at)) in latest.OrderBy(k => k.Key, StringComparer.Ordinal))
                {
                    var zone = 0;
                    for (var i = 0; i < r.AxisCount; i++) zone = Math.Max(zone, r.IsoZone[i]);
                    var zoneText = zone >= 2 ? $"[red]{Zones[zone]}[/]" : Zones[zone];
                    table.AddRow(Markup.Escape(id), online.GetValueOrDefault(id, true) ? "[green]●[/]" : "[grey]○[/]", zoneText,
                        F(Max(r.VelocityRms, r.AxisCount)), F(Max(r.Kurtosis, r.AxisCount)), F(Max(r.Bpfo, r.AxisCount)), F(r.CurrentRms), F(r.TemperatureC),
                        Markup.Escape(alarms.GetValueOrDefault(id, "-")), $"{(DateTimeOffset.UtcNow - at).TotalSeconds:F0} s");
                }
                return table;
            }
            await ctx.Console.Live(Render()).StartAsync(async live =>
            {
                while (!stop.IsCancellationRequested)
                {
                    live.UpdateTarget(Render());
                    try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            return ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }

    private static string F(float v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static float Max(float[] values, int count)
    {
        var max = 0f;
        for (var i = 0; i < Math.Min(count, values.Length); i++) max = Math.Max(max, values[i]);
        return max;
    }
}
