using System.Text.Json;

namespace SensorNode.Boards.Tests;

/// <summary>The checks a board profile must pass beyond its schema, as functions over the JSON so that the tests can
/// show both that every profile passes and that a broken profile fails.</summary>
public static class BoardRules
{
    /// <summary>Every (gpio, role) the profile assigns: bus pins (once per bus), chip select, CT input, LED, reserved pins.</summary>
    public static List<(int Gpio, string Role)> PinAssignments(JsonElement board)
    {
        var pins = new List<(int, string)>();
        if (board.TryGetProperty("buses", out JsonElement buses))
        {
            if (buses.TryGetProperty("spi", out JsonElement spi))
            {
                foreach (JsonElement bus in spi.EnumerateArray())
                {
                    int id = bus.GetProperty("id").GetInt32();
                    pins.Add((bus.GetProperty("mosi").GetInt32(), $"SPI{id} MOSI"));
                    pins.Add((bus.GetProperty("miso").GetInt32(), $"SPI{id} MISO"));
                    pins.Add((bus.GetProperty("clock").GetInt32(), $"SPI{id} clock"));
                }
            }

            if (buses.TryGetProperty("i2c", out JsonElement i2c))
            {
                foreach (JsonElement bus in i2c.EnumerateArray())
                {
                    int id = bus.GetProperty("id").GetInt32();
                    pins.Add((bus.GetProperty("sda").GetInt32(), $"I2C{id} SDA"));
                    pins.Add((bus.GetProperty("scl").GetInt32(), $"I2C{id} SCL"));
                }
            }
        }

        if (board.GetProperty("accelerometer").TryGetProperty("chipSelect", out JsonElement cs))
        {
            pins.Add((cs.GetInt32(), "accelerometer chip select"));
        }

        pins.Add((board.GetProperty("current").GetProperty("gpio").GetInt32(), "CT clamp ADC input"));
        pins.Add((board.GetProperty("statusLed").GetProperty("gpio").GetInt32(), "status LED"));
        JsonElement serial = board.GetProperty("provisioningSerial");
        pins.Add((serial.GetProperty("tx").GetInt32(), "provisioning UART TX"));
        pins.Add((serial.GetProperty("rx").GetInt32(), "provisioning UART RX"));
        foreach (JsonElement reserved in board.GetProperty("reservedPins").EnumerateArray())
        {
            pins.Add((reserved.GetProperty("gpio").GetInt32(), "reserved: " + reserved.GetProperty("use").GetString()));
        }

        return pins;
    }

    /// <summary>"GPIO n: role A and role B" for every pin given more than one role.</summary>
    public static List<string> PinConflicts(JsonElement board) =>
        PinAssignments(board)
            .GroupBy(p => p.Gpio)
            .Where(g => g.Count() > 1)
            .Select(g => $"GPIO {g.Key}: " + string.Join(" and ", g.Select(p => p.Role)))
            .ToList();

    /// <summary>The CT input must be the ADC channel of the named pin, and on a board that uses Wi-Fi an ADC1 channel
    /// (ESP-IDF shares ADC2 with the radio: reads fail while Wi-Fi is on).</summary>
    public static List<string> CurrentInputProblems(JsonElement board)
    {
        var problems = new List<string>();
        string chip = board.GetProperty("chip").GetString()!;
        JsonElement current = board.GetProperty("current");
        int channel = current.GetProperty("adcChannel").GetInt32();
        int gpio = current.GetProperty("gpio").GetInt32();
        int expected = SensorNode.Core.Sensors.Esp32Adc.GpioOfChannel(chip, channel);
        if (expected != gpio)
        {
            problems.Add($"ADC channel {channel} is GPIO {expected} on {chip}, not GPIO {gpio}");
        }

        if (board.GetProperty("network").GetProperty("wifi").GetBoolean() && SensorNode.Core.Sensors.Esp32Adc.IsAdc2Channel(channel))
        {
            problems.Add($"ADC channel {channel} (GPIO {gpio}) is on ADC2, which fails while Wi-Fi is on: use an ADC1 pin");
        }

        return problems;
    }

    /// <summary>Each bus a device names must be declared, and each declared bus id only once per kind.</summary>
    public static List<string> BusProblems(JsonElement board)
    {
        var problems = new List<string>();
        JsonElement buses = board.GetProperty("buses");
        HashSet<int> Ids(string kind)
        {
            var ids = new HashSet<int>();
            if (buses.TryGetProperty(kind, out JsonElement list))
            {
                foreach (JsonElement bus in list.EnumerateArray())
                {
                    if (!ids.Add(bus.GetProperty("id").GetInt32()))
                    {
                        problems.Add($"{kind} bus {bus.GetProperty("id").GetInt32()} is declared twice");
                    }
                }
            }

            return ids;
        }

        HashSet<int> spi = Ids("spi");
        HashSet<int> i2c = Ids("i2c");
        JsonElement accel = board.GetProperty("accelerometer");
        int accelBus = accel.GetProperty("busId").GetInt32();
        if (accel.GetProperty("bus").GetString() == "spi" ? !spi.Contains(accelBus) : !i2c.Contains(accelBus))
        {
            problems.Add($"accelerometer uses {accel.GetProperty("bus").GetString()} bus {accelBus}, which is not declared");
        }

        int tempBus = board.GetProperty("temperature").GetProperty("busId").GetInt32();
        if (!i2c.Contains(tempBus))
        {
            problems.Add($"temperature sensor uses i2c bus {tempBus}, which is not declared");
        }

        return problems;
    }
}
