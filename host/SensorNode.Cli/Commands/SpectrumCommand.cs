using System.CommandLine;
using SensorNode.Cli.Plot;
using SensorNode.Cli.Resources;
using SensorNode.Core.Features;
using SensorNode.Core.Vibration;
using SensorNode.Simulator.Hardware;
using SensorNode.Simulator.Machines;

namespace SensorNode.Cli.Commands;

/// <summary>
/// <c>sensornode spectrum</c>: an SVG of a spectrum with 1×/2×/3× and BPFO/BPFI/BSF/FTF markers. The spectrum is
/// computed by the firmware core's <see cref="VibrationAnalyzer"/> from a synthetic machine (<c>--machine</c>), the same
/// numbers a node on that machine computes. Fetching a live node's snapshot over MQTT is not wired yet.
/// </summary>
public static class SpectrumCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("spectrum", Messages.CmdSpectrum);
        var machine = new Option<string>("--machine") { Description = Messages.OptKinds, DefaultValueFactory = _ => "outer-race" };
        var node = new Option<string?>("--node") { Description = Messages.ArgNodeId };
        var kind = new Option<string>("--kind") { Description = "accel | envelope", DefaultValueFactory = _ => "accel" };
        kind.AcceptOnlyFromAmong("accel", "envelope");
        var axis = new Option<string>("--axis") { Description = "x | y | z", DefaultValueFactory = _ => "x" };
        axis.AcceptOnlyFromAmong("x", "y", "z");
        var maxHz = new Option<double?>("--max-hz") { Description = "Upper end of the plot, Hz" };
        var output = new Option<FileInfo>("--out", "-o") { Description = Messages.OptOutputFile, DefaultValueFactory = _ => new FileInfo("spectrum.svg") };
        foreach (var o in new Option[] { machine, node, kind, axis, maxHz, output }) command.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var ctx = globals.Context(parse);
            if (parse.GetValue(node) is { } nodeId)
                return ctx.Fail(ExitCodes.Unavailable, Messages.Format(nameof(Messages.ErrUnavailable), $"spectrum --node {nodeId}", "the node's chunked spectrum snapshot reader"));
            if (!MachineSpec.TryParseKind(parse.GetValue(machine)!, out var machineKind))
                return ctx.Fail(ExitCodes.Usage, Messages.Format(nameof(Messages.ErrUnknownKind), parse.GetValue(machine)));

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
            var samples = parse.GetValue(axis) switch { "y" => y, "z" => z, _ => x };
            var record = new MeasurementRecord();
            analyzer.Analyze(samples, 2048, accel.SampleRateHz, record, 0);

            var envelope = parse.GetValue(kind) == "envelope";
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
            var markers = new List<SpectrumMarker>
            {
                new("1×", shaft, "#d62728"), new("2×", 2 * shaft, "#d62728"), new("3×", 3 * shaft, "#d62728"),
                new("BPFO", b.Bpfo(shaft), "#2ca02c"), new("BPFI", b.Bpfi(shaft), "#9467bd"),
                new("BSF", b.Bsf(shaft), "#8c564b"), new("FTF", b.Ftf(shaft), "#7f7f7f"),
            };
            if (envelope) markers.Add(new("2×BPFO", 2 * b.Bpfo(shaft), "#2ca02c"));
            var top = parse.GetValue(maxHz) ?? (envelope ? 500 : 1600);
            var title = $"{MachineSpec.KindName(machineKind)} machine, axis {parse.GetValue(axis)}, {(envelope ? "envelope spectrum (500–1500 Hz band)" : "acceleration spectrum")}, shaft {shaft:F2} Hz";
            var svg = SvgSpectrumPlot.Render(title, envelope ? "Envelope amplitude (m/s²)" : "Amplitude (m/s² RMS per bin)", freqs, amps, markers, top);
            var file = parse.GetValue(output)!;
            if (file.DirectoryName is { } dir) Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(file.FullName, svg, ct);
            if (ctx.Json) ctx.WriteJson(new { file = file.FullName, machine = MachineSpec.KindName(machineKind), kind = parse.GetValue(kind), shaftHz = shaft, markers });
            else ctx.Success(file.FullName);
            return ExitCodes.Ok;
        });
        return command;
    }
}
