using SensorNode.Core.Features;
using SensorNode.Core.Hardware;
using SensorNode.Core.Vibration;
using SensorNode.Simulator.Machines;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary>
/// Each synthetic machine, read through its simulated accelerometer and analysed by the firmware core's own
/// <see cref="VibrationAnalyzer"/> (the code the device runs), shows its fault where the physics puts it.
/// </summary>
public sealed class MachineSignalTests
{
    private sealed class StillClock(long ms) : IClock
    {
        public long UtcNowUnixMs => 1_700_000_000_000 + ms;
        public bool IsSynced => true;
        public long MonotonicMs => ms;
    }

    private static readonly WaveformLibrary Library = new();

    /// <summary>Analyses one 2048-sample burst at 3.2 kHz of every axis, as a node configured for the machine would.</summary>
    private static (MeasurementRecord Record, WaveformTable Table) Measure(MachineKind kind, long atMs = 1234)
    {
        var spec = MachineSpec.For(kind);
        var accel = new SyntheticAccelerometer(Library, spec, new StillClock(atMs));
        Assert.True(accel.Configure(8, 3200));
        var table = accel.Table!;
        var settings = new VibrationSettings
        {
            SampleRateHz = 3200,
            FftSize = 2048,
            BurstLength = 2048,
            ShaftSpeedHz = (float)table.ShaftHz,
            BearingElements = spec.Bearing.RollingElements,
            BearingElementDiameter = (float)spec.Bearing.BallDiameterMm,
            BearingPitchDiameter = (float)spec.Bearing.PitchDiameterMm,
            BearingContactAngleDegrees = (float)spec.Bearing.ContactAngleDeg,
            IsoStandard = IsoZones.Iso10816Part3,
            IsoGroup = 2,
        };
        var analyzer = new VibrationAnalyzer(settings);
        float[] x = new float[2048], y = new float[2048], z = new float[2048];
        Assert.Equal(2048, accel.ReadBurst(x, y, z, 2048));
        var record = new MeasurementRecord();
        Assert.True(analyzer.Analyze(x, 2048, accel.SampleRateHz, record, 0));
        Assert.True(analyzer.Analyze(y, 2048, accel.SampleRateHz, record, 1));
        Assert.True(analyzer.Analyze(z, 2048, accel.SampleRateHz, record, 2));
        return (record, table);
    }

    [Fact]
    public void Healthy_machine_is_quiet_gaussian_and_carries_gravity_on_z()
    {
        var (r, _) = Measure(MachineKind.Healthy);
        for (var a = 0; a < 3; a++)
        {
            Assert.InRange(r.VelocityRms[a], 0.1f, 1.4f); // zone A for group 2 rigid
            Assert.InRange(r.Kurtosis[a], 2.0f, 3.6f);
        }
        Assert.InRange(r.Mean[2], 9.7f, 9.9f);
        Assert.InRange(Math.Abs(r.Mean[0]), 0f, 0.05f);
        Assert.Equal(0, r.IsoZone[0]);
    }

    [Fact]
    public void Imbalance_shows_at_one_times_shaft_speed_in_the_radial_plane()
    {
        var (r, table) = Measure(MachineKind.Imbalance);
        var (healthy, _) = Measure(MachineKind.Healthy);
        Assert.InRange(r.Order1[0], 4.5f, 7.5f); // 6 mm/s put in at 1×
        Assert.True(r.Order1[0] > 5 * r.Order2[0], $"1× {r.Order1[0]} vs 2× {r.Order2[0]}");
        Assert.True(r.Order1[1] > 5 * r.Order2[1]);
        Assert.True(r.Order1[2] < 0.3f * r.Order1[0], "axial 1× small");
        Assert.InRange(r.DominantFrequency[0], (float)table.ShaftHz - 1, (float)table.ShaftHz + 1);
        Assert.True(r.IsoZone[0] >= 2, "6 mm/s is zone C or worse for group 2 rigid");
        Assert.True(r.Order1[0] > 8 * healthy.Order1[0]);
    }

    [Fact]
    public void Misalignment_shows_at_two_times_strongest_axially_with_some_one_and_three_times()
    {
        var (r, _) = Measure(MachineKind.Misalignment);
        Assert.True(r.Order2[2] > 1.8f * r.Order1[2], $"axial 2× {r.Order2[2]} vs 1× {r.Order1[2]}");
        Assert.True(r.Order2[0] > r.Order1[0]);
        Assert.True(r.Order2[2] > r.Order2[0], "axial direction carries the most 2×");
        Assert.InRange(r.Order3[2], 0.6f, 2.0f);
        Assert.InRange(r.Order1[2], 1.0f, 2.6f);
    }

    [Fact]
    public void Looseness_spreads_energy_over_many_harmonics()
    {
        var (r, table) = Measure(MachineKind.Looseness);
        var spec = MachineSpec.For(MachineKind.Looseness);
        var accel = new SyntheticAccelerometer(Library, spec, new StillClock(0));
        accel.Configure(8, 3200);
        var settings = new VibrationSettings { SampleRateHz = 3200, FftSize = 2048, BurstLength = 2048, ShaftSpeedHz = (float)table.ShaftHz, PeakCount = 8 };
        var analyzer = new VibrationAnalyzer(settings);
        float[] x = new float[2048], y = new float[2048], z = new float[2048];
        accel.ReadBurst(x, y, z, 2048);
        analyzer.Analyze(x, 2048, 3200, new MeasurementRecord(), 0);
        // Most of the largest spectral peaks sit on (half) orders of the shaft above 3×: a harmonic series.
        var onHarmonicsAbove3 = 0;
        for (var i = 0; i < analyzer.Peaks.Count; i++)
        {
            var order = analyzer.Peaks.FrequencyHz(i) / table.ShaftHz;
            if (order > 3.2 && Math.Abs(order * 2 - Math.Round(order * 2)) < 0.08) onHarmonicsAbove3++;
        }
        Assert.True(onHarmonicsAbove3 >= 3, $"{onHarmonicsAbove3} of {analyzer.Peaks.Count} top peaks above 3×");
        Assert.True(r.Order1[0] > 0.5f && r.Order2[0] > 0.5f && r.Order3[0] > 0.5f);
    }

    [Fact]
    public void Outer_race_defect_shows_at_bpfo_in_the_envelope_spectrum()
    {
        var (r, table) = Measure(MachineKind.OuterRace);
        var (healthy, _) = Measure(MachineKind.Healthy);
        Assert.Equal(MachineBearing.Skf6205.Bpfo(table.ShaftHz), table.DefectHz, 0.1);
        Assert.True(r.Bpfo[0] > 10 * healthy.Bpfo[0], $"bpfo {r.Bpfo[0]} vs healthy {healthy.Bpfo[0]}");
        Assert.True(r.Bpfo[0] > 3 * r.Bpfi[0], $"bpfo {r.Bpfo[0]} vs bpfi {r.Bpfi[0]}");
        Assert.True(r.Kurtosis[0] > 4.5f, $"impacts are impulsive: kurtosis {r.Kurtosis[0]}");
        Assert.True(r.CrestFactor[0] > healthy.CrestFactor[0], $"crest {r.CrestFactor[0]} vs healthy {healthy.CrestFactor[0]}");
    }

    [Fact]
    public void Inner_race_defect_shows_at_bpfi_and_differs_from_the_outer_race()
    {
        var (r, table) = Measure(MachineKind.InnerRace);
        var (healthy, _) = Measure(MachineKind.Healthy);
        Assert.Equal(MachineBearing.Skf6205.Bpfi(table.ShaftHz), table.DefectHz, 0.1);
        Assert.True(r.Bpfi[0] > 10 * healthy.Bpfi[0], $"bpfi {r.Bpfi[0]} vs healthy {healthy.Bpfi[0]}");
        Assert.True(r.Bpfi[0] > 2 * r.Bpfo[0], $"bpfi {r.Bpfi[0]} vs bpfo {r.Bpfo[0]}");
        Assert.True(r.Kurtosis[0] > 4f);
    }

    [Fact]
    public void Nodes_of_one_kind_share_one_table_and_read_consecutive_time()
    {
        var library = new WaveformLibrary();
        var spec = MachineSpec.For(MachineKind.Healthy);
        var a = new SyntheticAccelerometer(library, spec, new StillClock(0));
        var b = new SyntheticAccelerometer(library, spec, new StillClock(0), phaseSamples: 5000);
        a.Configure(4, 3200);
        b.Configure(4, 3200);
        Assert.Same(a.Table, b.Table);
        Assert.Equal(1, library.TableCount);

        // 1 s later on the clock is 3200 samples further into the same table.
        var later = new SyntheticAccelerometer(library, spec, new StillClock(1000));
        later.Configure(4, 3200);
        float[] x0 = new float[4000], y0 = new float[4000], z0 = new float[4000];
        float[] x1 = new float[16], y1 = new float[16], z1 = new float[16];
        a.ReadBurst(x0, y0, z0, 4000);
        later.ReadBurst(x1, y1, z1, 16);
        for (var i = 0; i < 16; i++) Assert.Equal(x0[3200 + i], x1[i]);
    }

    [Fact]
    public void Motor_current_follows_the_duty_cycle_with_starts_and_load_steps()
    {
        var spec = MachineSpec.For(MachineKind.Healthy);
        var profile = new MotorLoadProfile();
        Assert.Equal(0, profile.CurrentRms(2, spec.RatedCurrentA));
        Assert.True(profile.CurrentRms(6.05, spec.RatedCurrentA) > 4 * spec.RatedCurrentA, "inrush at start");
        var part = profile.CurrentRms(30, spec.RatedCurrentA);
        var high = profile.CurrentRms(70, spec.RatedCurrentA);
        Assert.True(high > 1.3 * part, $"load step {part} → {high}");

        // The ADC codes carry that RMS through the CT calibration.
        var adc = new SyntheticCurrentAdc(Library, spec, profile, new StillClock(30_000));
        var codes = new ushort[2000];
        Assert.Equal(2000, adc.ReadBurst(codes, 2000, 2000, out var rate));
        Assert.InRange(rate, 1990f, 2000f);
        double mean = codes.Average(c => (double)c);
        double rms = Math.Sqrt(codes.Average(c => (c - mean) * (c - mean))) / adc.CodesPerAmp;
        Assert.Equal(part, rms, part * 0.03);
        Assert.InRange(mean, 2040, 2056);
    }
}
