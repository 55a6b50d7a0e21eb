using System.CommandLine;
using SensorNode.Cli.Output;
using SensorNode.Cli.Plot;
using SensorNode.Cli.Resources;
using SensorNode.Core.Features;
using SensorNode.Core.Vibration;
using SensorNode.Simulator.Hardware;
using SensorNode.Simulator.Machines;

namespace SensorNode.Cli.Commands;

/// <summary>
/// <c>sensornode spectrum</c>: an SVG of a spectrum with 1×/2×/3× and BPFO/BPFI/BSF/FTF markers.
/// With <c>--node</c> the spectrum is a live node's snapshot, asked for with a signed command and reassembled from its
/// chunks (<see cref="SpectrumFromNode"/>); with <c>--machine</c> it is computed here by the firmware core's
/// <see cref="VibrationAnalyzer"/> from a synthetic machine, the same numbers a node on that machine computes.
/// </summary>
public static class SpectrumCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("spectrum", Messages.CmdSpectrum);
        var host = new HostConnection();
        var machine = new Option<string>("--machine") { Description = SpectrumText.Get("OptSpectrumMachine"), DefaultValueFactory = _ => "outer-race" };
        var node = new Option<string?>("--node") { Description = SpectrumText.Get("OptSpectrumNode") };
        var kind = new Option<string>("--kind") { Description = SpectrumText.Get("OptSpectrumKind"), DefaultValueFactory = _ => "accel" };
        kind.AcceptOnlyFromAmong("accel", "velocity", "envelope");
        var axis = new Option<string>("--axis") { Description = "x | y | z", DefaultValueFactory = _ => "x" };
        axis.AcceptOnlyFromAmong("x", "y", "z");
        var maxHz = new Option<double?>("--max-hz") { Description = SpectrumText.Get("OptSpectrumMaxHz") };
        var timeout = new Option<string>("--timeout") { Description = SpectrumText.Get("OptSpectrumTimeout"), DefaultValueFactory = _ => "15s" };
        var rpm = new Option<double?>("--rpm") { Description = SpectrumText.Get("OptSpectrumRpm") };
        var secrets = new Option<FileInfo?>("--secrets") { Description = SpectrumText.Get("OptSpectrumSecrets") };
        var output = new Option<FileInfo>("--out", "-o") { Description = Messages.OptOutputFile, DefaultValueFactory = _ => new FileInfo("spectrum.svg") };
        foreach (var o in new Option[] { machine, node, kind, axis, maxHz, timeout, rpm, output, secrets, host.Registry, host.Site }) command.Add(o);
        host.AddBrokerOptions(command);

        command.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            if (parse.GetValue(node) is { } nodeId)
            {
                if (!DurationParser.TryParse(parse.GetValue(timeout), out var wait) || wait <= TimeSpan.Zero)
                    return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrDuration), parse.GetValue(timeout)));
                var request = new SpectrumFromNode.Request(nodeId, parse.GetValue(axis)!, parse.GetValue(kind)!, parse.GetValue(maxHz) ?? 0,
                    wait, parse.GetValue(rpm), parse.GetValue(secrets), parse.GetValue(output)!);
                return await SpectrumFromNode.RunAsync(ctx, host, parse, request, ct);
            }
            return await FromMachineAsync(ctx, parse.GetValue(machine)!, parse.GetValue(kind)!, parse.GetValue(axis)!, parse.GetValue(maxHz), parse.GetValue(output)!, ct);
        });
        return command;
    }

    private static async Task<int> FromMachineAsync(CliContext ctx, string machineName, string kind, string axis, double? maxHz, FileInfo file, CancellationToken ct)
    {
        if (kind == "velocity") return ctx.Fail(ExitCodes.Usage, SpectrumText.Get("ErrSpectrumVelocityNeedsNode"));
        if (!MachineSpec.TryParseKind(machineName, out var machineKind))
            return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrUnknownKind), machineName));

        var spec = MachineSpec.For(machineKind);
        var accel = new SyntheticAccelerometer(new WaveformLibrary(), spec, new SimulatedClock(TimeProvider.System));
        accel.Configure(8, 3200);
        var table = accel.Table!;
        var settings = new VibrationSettings
        {
            SampleRateHz = 3200, FftSize = 2048, BurstLength = 2048, ShaftSpeedHz = (float)table.ShaftHz,
            BearingElements = spec.Bearing.RollingElements, BearingElementDiameter = (float)spec.Bearing.BallDiameterMm,
            BearingPitchDiameter = (float)spec.Bearing.PitchDiameterMm, BearingContactAngleDegrees = (float)spec.Bearing.ContactAngleDeg,
            EnvelopeLowHz = 500, EnvelopeHighHz = 1500,
        };
        var analyzer = new VibrationAnalyzer(settings);
        float[] x = new float[2048], y = new float[2048], z = new float[2048];
        accel.ReadBurst(x, y, z, 2048);
        var samples = axis switch { "y" => y, "z" => z, _ => x };
        var record = new MeasurementRecord();
        analyzer.Analyze(samples, 2048, accel.SampleRateHz, record, 0);

        var envelope = kind == "envelope";
        var bins = 2048 / 2 + 1;
        var source = envelope ? analyzer.EnvelopeSpectrum : analyzer.PowerSpectrum;
        var freqs = new double[bins];
        var amps = new double[bins];
        for (var i = 0; i < bins; i++)
        {
            freqs[i] = i * analyzer.BinHz;
            amps[i] = envelope ? source[i] : Math.Sqrt(Math.Max(0, source[i]));
        }
        var shaft = table.ShaftHz;
        var b = spec.Bearing;
        var markers = SpectrumMarkers.For(shaft, new BearingGeometry(b.RollingElements, (float)b.BallDiameterMm, (float)b.PitchDiameterMm, (float)b.ContactAngleDeg), envelope);
        var top = maxHz is > 0 ? maxHz.Value : (envelope ? 500 : 1600);
        var title = $"{MachineSpec.KindName(machineKind)} machine, axis {axis}, {(envelope ? "envelope spectrum (500–1500 Hz band)" : "acceleration spectrum")}, shaft {shaft:F2} Hz";
        var svg = SvgSpectrumPlot.Render(title, envelope ? "Envelope amplitude (m/s²)" : "Amplitude (m/s² RMS per bin)", freqs, amps, markers, top);
        if (file.DirectoryName is { } dir) Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(file.FullName, svg, ct);
        if (ctx.Json) ctx.WriteJson(new { file = file.FullName, machine = MachineSpec.KindName(machineKind), kind, shaftHz = shaft, markers });
        else ctx.Success(file.FullName);
        return ExitCodes.Ok;
    }
}

/// <summary>Shaft orders and bearing defect frequencies as plot markers.</summary>
internal static class SpectrumMarkers
{
    public static List<SpectrumMarker> For(double? shaftHz, BearingGeometry? bearing, bool envelope)
    {
        var markers = new List<SpectrumMarker>();
        if (shaftHz is not > 0) return markers;
        double f = shaftHz.Value;
        markers.Add(new("1×", f, "#d62728"));
        markers.Add(new("2×", 2 * f, "#d62728"));
        markers.Add(new("3×", 3 * f, "#d62728"));
        if (bearing == null) return markers;
        markers.Add(new("BPFO", bearing.BpfoFactor * f, "#2ca02c"));
        markers.Add(new("BPFI", bearing.BpfiFactor * f, "#9467bd"));
        markers.Add(new("BSF", bearing.BsfFactor * f, "#8c564b"));
        markers.Add(new("FTF", bearing.FtfFactor * f, "#7f7f7f"));
        if (envelope) markers.Add(new("2×BPFO", 2 * bearing.BpfoFactor * f, "#2ca02c"));
        return markers;
    }
}
