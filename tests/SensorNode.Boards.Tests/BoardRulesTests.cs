using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNode.Core.Current;
using SensorNode.Core.Features;
using SensorNode.Core.Sensors;
using SensorNode.Core.Vibration;
using Xunit;

namespace SensorNode.Boards.Tests;

/// <summary>Pins, ADC channels, defaults and the memory plan of every board profile.</summary>
public sealed class BoardRulesTests
{
    internal static JsonElement Load(string board)
    {
        using JsonDocument doc = Repo.LoadBoard(board);
        return doc.RootElement.Clone();
    }

    private static JsonElement Mutated(string board, Action<JsonObject> mutate)
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(Repo.BoardPath(board)))!.AsObject();
        mutate(json);
        using JsonDocument doc = JsonDocument.Parse(json.ToJsonString());
        return doc.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void No_pin_is_used_twice(string board)
    {
        List<string> conflicts = BoardRules.PinConflicts(Load(board));
        Assert.True(conflicts.Count == 0, $"{board}: " + string.Join("; ", conflicts));
    }

    [Fact]
    public void A_pin_used_twice_is_reported_with_both_roles()
    {
        JsonElement broken = Mutated("esp32-devkitc", b => b["statusLed"]!["gpio"] = 5);
        Assert.Equal(["GPIO 5: accelerometer chip select and status LED"], BoardRules.PinConflicts(broken));

        JsonElement onFlash = Mutated("esp32-wrover-devkitc", b => b["current"]!["gpio"] = 16);
        Assert.Contains(BoardRules.PinConflicts(onFlash), c => c.StartsWith("GPIO 16: CT clamp ADC input and reserved: PSRAM", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Every_bus_a_device_uses_is_declared(string board)
    {
        List<string> problems = BoardRules.BusProblems(Load(board));
        Assert.True(problems.Count == 0, $"{board}: " + string.Join("; ", problems));
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void CT_clamp_is_on_an_ADC1_channel_that_belongs_to_its_pin(string board)
    {
        List<string> problems = BoardRules.CurrentInputProblems(Load(board));
        Assert.True(problems.Count == 0, $"{board}: " + string.Join("; ", problems));
    }

    [Fact]
    public void A_CT_clamp_on_ADC2_of_a_WiFi_board_is_refused()
    {
        JsonElement onAdc2 = Mutated("esp32-devkitc", b =>
        {
            b["current"]!["gpio"] = 25;
            b["current"]!["adcChannel"] = 18;
        });
        Assert.Equal(["ADC channel 18 (GPIO 25) is on ADC2, which fails while Wi-Fi is on: use an ADC1 pin"], BoardRules.CurrentInputProblems(onAdc2));

        JsonElement wrongPin = Mutated("esp32-s3-devkitc", b => b["current"]!["gpio"] = 3);
        Assert.Equal(["ADC channel 3 is GPIO 4 on esp32s3, not GPIO 3"], BoardRules.CurrentInputProblems(wrongPin));
    }

    [Theory]
    [InlineData("esp32", 4)]
    [InlineData("esp32", 25)]
    [InlineData("esp32", 27)]
    [InlineData("esp32s3", 12)]
    public void An_ADC2_pin_for_the_CT_clamp_is_recognised(string chip, int gpio)
    {
        int channel = Esp32Adc.ChannelOfGpio(chip, gpio);
        Assert.True(Esp32Adc.IsAdc2Channel(channel), $"GPIO {gpio} on {chip} is channel {channel}");
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Default_configuration_fits_the_managed_heap(string board)
    {
        JsonElement profile = Load(board);
        JsonElement memory = profile.GetProperty("memory");
        int heap = memory.GetProperty("managedHeapBytes").GetInt32();
        int reserved = memory.GetProperty("reservedHeapBytes").GetInt32();

        MemoryPlan plan = MemoryPlan.For(DefaultPipeline(profile));

        Assert.True(plan.FitsIn(heap - reserved),
            $"{board}: the default pipeline needs {plan.TotalBytes} bytes; the heap leaves {heap - reserved} ({heap} - {reserved} reserved)");
        if (!memory.GetProperty("psram").GetBoolean())
        {
            Assert.True(plan.FitsIn(MemoryPlan.DefaultBudgetBytes), $"{board}: {plan.TotalBytes} bytes exceed the 48 KB design budget of boards without PSRAM");
        }
    }

    [Fact]
    public void A_default_FFT_too_large_for_the_heap_is_caught()
    {
        JsonElement big = Mutated("esp32-devkitc", b => b["defaults"]!["fftSize"] = 8192);
        JsonElement memory = big.GetProperty("memory");
        MemoryPlan plan = MemoryPlan.For(DefaultPipeline(big));
        Assert.False(plan.FitsIn(memory.GetProperty("managedHeapBytes").GetInt32() - memory.GetProperty("reservedHeapBytes").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Default_FFT_size_is_one_the_board_allows(string board)
    {
        JsonElement profile = Load(board);
        int fft = profile.GetProperty("defaults").GetProperty("fftSize").GetInt32();
        List<int> allowed = profile.GetProperty("memory").GetProperty("allowedFftSizes").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Contains(fft, allowed);

        // Every allowed size must itself fit (a config push may choose any of them).
        JsonElement memory = profile.GetProperty("memory");
        int budget = memory.GetProperty("managedHeapBytes").GetInt32() - memory.GetProperty("reservedHeapBytes").GetInt32();
        foreach (int size in allowed)
        {
            // A smaller FFT has coarser bins: the band starts at one bin at least (what a config push would do).
            double fs = profile.GetProperty("defaults").GetProperty("sampleRateHz").GetInt32();
            double low = Math.Max(profile.GetProperty("defaults").GetProperty("bandLowHz").GetDouble(), Math.Ceiling(fs / size));
            JsonElement withSize = Mutated(board, b =>
            {
                b["defaults"]!["fftSize"] = size;
                b["defaults"]!["bandLowHz"] = low;
            });
            MemoryPlan plan = MemoryPlan.For(DefaultPipeline(withSize));
            Assert.True(plan.FitsIn(budget), $"{board}: allowed FFT size {size} needs {plan.TotalBytes} bytes > {budget}");
        }
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Default_band_is_inside_what_the_sensor_and_rate_deliver(string board)
    {
        JsonElement profile = Load(board);
        JsonElement defaults = profile.GetProperty("defaults");
        string sensor = profile.GetProperty("accelerometer").GetProperty("type").GetString()!;
        int requested = defaults.GetProperty("sampleRateHz").GetInt32();
        float fs = ActualRate(sensor, requested);
        double high = defaults.GetProperty("bandHighHz").GetDouble();
        double low = defaults.GetProperty("bandLowHz").GetDouble();
        int n = defaults.GetProperty("fftSize").GetInt32();

        Assert.Equal(requested, fs);
        Assert.True(high <= fs / 2.56, $"{board}: band top {high} Hz above fs/2.56 = {fs / 2.56:F0} Hz (peers §b3)");
        Assert.True(high <= SensorBandwidthHz(sensor, fs), $"{board}: band top {high} Hz above the {sensor}'s bandwidth {SensorBandwidthHz(sensor, fs)} Hz at {fs} Hz");
        Assert.True(fs / n <= 1.6, $"{board}: resolution {fs / n:F2} Hz coarser than 1.6 Hz (peers §b3)");
        Assert.True(low >= fs / n, $"{board}: band bottom {low} Hz below one bin");
    }

    /// <summary>The rate the sensor actually runs at for a requested rate (the adapters' choice).</summary>
    private static float ActualRate(string sensor, int requested) => sensor switch
    {
        "adxl345" => Adxl345.OutputDataRateHz(Adxl345.RateCode(requested)),
        "adxl355" => Adxl355.OutputDataRateHz(Adxl355.RateCode(requested)),
        "mpu6886" => Mpu6886.OutputDataRateHz(Mpu6886.SampleRateDivider(requested)),
        _ => throw new ArgumentException(sensor),
    };

    /// <summary>ADXL345: ODR/2; ADXL355: its digital low-pass at ODR/4; MPU-6886: the 420 Hz DLPF.</summary>
    private static double SensorBandwidthHz(string sensor, float fs) => sensor switch
    {
        "adxl345" => fs / 2,
        "adxl355" => fs / 4,
        "mpu6886" => Math.Min(420, fs / 2),
        _ => throw new ArgumentException(sensor),
    };

    /// <summary>The DSP pipeline the runtime builds from a board's defaults. Band edges other than the velocity band
    /// are placed inside the Nyquist range; they do not change the bytes allocated.</summary>
    internal static PipelineSettings DefaultPipeline(JsonElement profile)
    {
        JsonElement d = profile.GetProperty("defaults");
        JsonElement ct = profile.GetProperty("current");
        float fs = d.GetProperty("sampleRateHz").GetInt32();
        int n = d.GetProperty("fftSize").GetInt32();
        var settings = new PipelineSettings
        {
            AxisCount = d.GetProperty("axes").GetInt32(),
            Vibration = new VibrationSettings
            {
                SampleRateHz = fs,
                FftSize = n,
                BurstLength = n,
                VelocityLowHz = (float)d.GetProperty("bandLowHz").GetDouble(),
                VelocityHighHz = (float)d.GetProperty("bandHighHz").GetDouble(),
                HighFrequencyLowHz = Math.Min(1000f, 0.25f * fs),
                HighFrequencyHighHz = 0.45f * fs,
                EnvelopeLowHz = Math.Min(500f, 0.2f * fs),
                EnvelopeHighHz = 0.45f * fs,
                ShaftMinHz = Math.Max(5f, fs / n),
            },
            Current = new CurrentSettings
            {
                SampleRateHz = d.GetProperty("currentSampleRateHz").GetInt32(),
                SampleCount = d.GetProperty("currentSamples").GetInt32(),
                BurdenOhms = (float)ct.GetProperty("burdenOhms").GetDouble(),
                TurnsRatio = (float)ct.GetProperty("turnsRatio").GetDouble(),
            },
        };
        string? error = settings.Validate();
        Assert.True(error is null, $"{profile.GetProperty("id").GetString()}: default pipeline does not validate: {error}");
        return settings;
    }
}
