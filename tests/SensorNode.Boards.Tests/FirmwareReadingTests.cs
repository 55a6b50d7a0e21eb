using System.Text.Json;
using SensorNode.Core.Sensors;
using Xunit;

namespace SensorNode.Boards.Tests;

/// <summary>The firmware parses each profile (the bytes nanoff copies to I:\board.json) with the core's
/// <see cref="BoardProfile"/>, and what it reads is what the JSON says.</summary>
public sealed class FirmwareReadingTests
{
    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Firmware_reads_the_profile_as_written(string board)
    {
        byte[] bytes = File.ReadAllBytes(Repo.BoardPath(board));
        BoardProfile parsed = BoardProfile.Parse(bytes, bytes.Length, out string error);
        Assert.True(parsed is not null, $"{board}: {error}");
        Assert.True(bytes.Length <= BoardProfile.MaxJsonBytes, $"{board}: {bytes.Length} bytes is over the firmware's limit");

        using JsonDocument doc = JsonDocument.Parse(bytes);
        JsonElement root = doc.RootElement;
        JsonElement accel = root.GetProperty("accelerometer");
        JsonElement buses = root.GetProperty("buses");
        Assert.Equal(board, parsed.Id);
        Assert.Equal(root.GetProperty("chip").GetString(), parsed.Chip);
        Assert.Equal(root.GetProperty("network").GetProperty("primary").GetString(), parsed.Network);
        Assert.Equal(root.GetProperty("memory").GetProperty("psram").GetBoolean(), parsed.Psram);
        Assert.Equal(parsed.Psram ? SensorNode.Core.Node.NodeMemoryPlan.ClassPsram : SensorNode.Core.Node.NodeMemoryPlan.ClassSmall, parsed.MemoryClass);
        Assert.Equal(accel.GetProperty("type").GetString(), parsed.AccelerometerType);
        Assert.Equal(accel.GetProperty("bus").GetString() == "spi", parsed.AccelerometerOnSpi);
        Assert.Equal(accel.GetProperty("busId").GetInt32(), parsed.AccelerometerBusId);
        if (parsed.AccelerometerOnSpi)
        {
            JsonElement spi = buses.GetProperty("spi").EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == parsed.AccelerometerBusId);
            Assert.Equal(accel.GetProperty("chipSelect").GetInt32(), parsed.AccelerometerChipSelect);
            Assert.Equal(accel.GetProperty("spiClockHz").GetInt32(), parsed.AccelerometerSpiClockHz);
            Assert.Equal(spi.GetProperty("mosi").GetInt32(), parsed.SpiMosi);
            Assert.Equal(spi.GetProperty("miso").GetInt32(), parsed.SpiMiso);
            Assert.Equal(spi.GetProperty("clock").GetInt32(), parsed.SpiClock);
        }
        else
        {
            JsonElement i2c = buses.GetProperty("i2c").EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == parsed.AccelerometerBusId);
            Assert.Equal(accel.GetProperty("address").GetInt32(), parsed.AccelerometerAddress);
            Assert.Equal(i2c.GetProperty("sda").GetInt32(), parsed.AccelerometerSda);
            Assert.Equal(i2c.GetProperty("scl").GetInt32(), parsed.AccelerometerScl);
        }

        JsonElement temp = root.GetProperty("temperature");
        JsonElement tempBus = buses.GetProperty("i2c").EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == temp.GetProperty("busId").GetInt32());
        Assert.Equal("bme280", parsed.TemperatureType);
        Assert.Equal(temp.GetProperty("address").GetInt32(), parsed.TemperatureAddress);
        Assert.Equal(tempBus.GetProperty("sda").GetInt32(), parsed.TemperatureSda);
        Assert.Equal(tempBus.GetProperty("scl").GetInt32(), parsed.TemperatureScl);

        Assert.True(parsed.HasCurrent);
        Assert.Equal(root.GetProperty("current").GetProperty("adcChannel").GetInt32(), parsed.CurrentAdcChannel);
        Assert.Equal(root.GetProperty("statusLed").GetProperty("gpio").GetInt32(), parsed.LedGpio);
        Assert.Equal(root.GetProperty("statusLed").GetProperty("activeHigh").GetBoolean(), parsed.LedActiveHigh);
        JsonElement serial = root.GetProperty("provisioningSerial");
        Assert.Equal(serial.GetProperty("port").GetString(), parsed.SerialPort);
        Assert.Equal(serial.GetProperty("tx").GetInt32(), parsed.SerialTx);
        Assert.Equal(serial.GetProperty("rx").GetInt32(), parsed.SerialRx);
        Assert.Equal(serial.GetProperty("baud").GetInt32(), parsed.SerialBaud);
        Assert.Equal(root.GetProperty("defaults").GetProperty("sampleRateHz").GetInt32(), parsed.DefaultSampleRateHz);
        Assert.Equal(root.GetProperty("defaults").GetProperty("fftSize").GetInt32(), parsed.DefaultFftSize);
        Assert.Equal(root.GetProperty("defaults").GetProperty("accelRangeG").GetInt32(), parsed.DefaultRangeG);
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Default_range_and_rate_are_supported_by_the_sensor(string board)
    {
        byte[] bytes = File.ReadAllBytes(Repo.BoardPath(board));
        BoardProfile p = BoardProfile.Parse(bytes, bytes.Length, out _)!;
        var pairs = new byte[32];
        int written = p.AccelerometerType switch
        {
            BoardProfile.AccelerometerAdxl345 => Adxl345.BuildConfiguration(p.DefaultRangeG, p.DefaultSampleRateHz, 16, pairs),
            BoardProfile.AccelerometerAdxl355 => Adxl355.BuildConfiguration(p.DefaultRangeG, p.DefaultSampleRateHz, 48, pairs),
            BoardProfile.AccelerometerMpu6886 => Mpu6886.BuildConfiguration(p.DefaultRangeG, p.DefaultSampleRateHz, pairs),
            _ => -1,
        };
        Assert.True(written > 0, $"{board}: {p.AccelerometerType} cannot run ±{p.DefaultRangeG} g at {p.DefaultSampleRateHz} Hz");
    }
}
