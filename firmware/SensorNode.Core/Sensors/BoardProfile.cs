using SensorNode.Core.Json;

namespace SensorNode.Core.Sensors
{
    /// <summary>
    /// The wiring the device layer needs from a board profile (boards/&lt;id&gt;.json, schema boards/board.schema.json).
    /// The flash tool copies the board's JSON to I:\board.json; the firmware parses it once at start-up, so the
    /// JSON file is the single source of pins and buses for the tools, the tests and the device.
    /// Pins not used are -1. Host-only parts of the profile (nanoff target, memory class) are not read here.
    /// </summary>
    public sealed class BoardProfile
    {
        public const string AccelerometerNone = "none";
        public const string AccelerometerAdxl345 = "adxl345";
        public const string AccelerometerAdxl355 = "adxl355";
        public const string AccelerometerMpu6886 = "mpu6886";
        public const string TemperatureBme280 = "bme280";

        public const int MaxJsonBytes = 16384;

        public string Id;
        public string Chip;
        /// <summary>"wifi" or "ethernet": the interface the node uses.</summary>
        public string Network;

        public string AccelerometerType = AccelerometerNone;
        public bool AccelerometerOnSpi;
        public int AccelerometerBusId = -1;
        public int AccelerometerChipSelect = -1;
        public int AccelerometerAddress = -1;
        public int AccelerometerSpiClockHz;
        /// <summary>Pins of the accelerometer's bus: MOSI/MISO/clock for SPI, or AccelerometerSda/Scl for I²C.</summary>
        public int SpiMosi = -1;
        public int SpiMiso = -1;
        public int SpiClock = -1;
        public int AccelerometerSda = -1;
        public int AccelerometerScl = -1;

        public string TemperatureType;
        public int TemperatureBusId = -1;
        public int TemperatureAddress = -1;
        public int TemperatureSda = -1;
        public int TemperatureScl = -1;

        public bool HasCurrent;
        public int CurrentAdcChannel = -1;
        public int CurrentGpio = -1;

        public int LedGpio = -1;
        public bool LedActiveHigh = true;

        /// <summary>UART of the serial provisioning session (COM2; COM1 belongs to nanoFramework's wire protocol).</summary>
        public string SerialPort;
        public int SerialTx = -1;
        public int SerialRx = -1;
        public int SerialBaud = 115200;

        public int DefaultRangeG;
        public int DefaultSampleRateHz;
        public int DefaultFftSize;
        public int DefaultCurrentSampleRateHz;

        /// <summary>memory.psram: the device layer sets NodeHardware.MemoryClass from it (docs/memory.md).</summary>
        public bool Psram;

        /// <summary>NodeMemoryPlan.ClassPsram or ClassSmall for this board.</summary>
        public int MemoryClass => Psram ? SensorNode.Core.Node.NodeMemoryPlan.ClassPsram : SensorNode.Core.Node.NodeMemoryPlan.ClassSmall;

        /// <summary>Parses a board profile. Returns null and a reason in <paramref name="error"/> when the JSON is
        /// malformed or a required member is missing or refers to a bus the profile does not declare.</summary>
        public static BoardProfile Parse(byte[] json, int length, out string error)
        {
            var parser = new JsonParser(MaxJsonBytes, 8, 320, 2048);
            JsonNode root = parser.Parse(json, 0, length);
            if (root == null)
            {
                error = "board profile is not valid JSON: " + JsonError.Name(parser.Error) + " at byte " + parser.ErrorPosition.ToString();
                return null;
            }

            if (!root.IsObject)
            {
                error = "board profile must be a JSON object";
                return null;
            }

            var profile = new BoardProfile();
            error = null;
            profile.Id = Text(root, "id");
            profile.Chip = Text(root, "chip");
            JsonNode network = root.Get("network");
            profile.Network = network == null ? null : Text(network, "primary");
            if (profile.Id == null || profile.Chip == null || profile.Network == null)
            {
                error = "board profile needs id, chip and network.primary";
                return null;
            }

            JsonNode buses = root.Get("buses");
            JsonNode accel = root.Get("accelerometer");
            if (accel != null && !accel.IsNull)
            {
                profile.AccelerometerType = Text(accel, "type");
                string bus = Text(accel, "bus");
                profile.AccelerometerBusId = Integer(accel, "busId", -1);
                profile.AccelerometerOnSpi = bus == "spi";
                if (profile.AccelerometerOnSpi)
                {
                    profile.AccelerometerChipSelect = Integer(accel, "chipSelect", -1);
                    profile.AccelerometerSpiClockHz = Integer(accel, "spiClockHz", 0);
                    JsonNode spi = FindBus(buses, "spi", profile.AccelerometerBusId);
                    if (spi == null)
                    {
                        error = "accelerometer.busId has no entry in buses.spi";
                        return null;
                    }

                    profile.SpiMosi = Integer(spi, "mosi", -1);
                    profile.SpiMiso = Integer(spi, "miso", -1);
                    profile.SpiClock = Integer(spi, "clock", -1);
                }
                else
                {
                    profile.AccelerometerAddress = Integer(accel, "address", -1);
                    JsonNode i2c = FindBus(buses, "i2c", profile.AccelerometerBusId);
                    if (i2c == null)
                    {
                        error = "accelerometer.busId has no entry in buses.i2c";
                        return null;
                    }

                    profile.AccelerometerSda = Integer(i2c, "sda", -1);
                    profile.AccelerometerScl = Integer(i2c, "scl", -1);
                }

                if (profile.AccelerometerType == null)
                {
                    error = "accelerometer.type is missing";
                    return null;
                }
            }

            JsonNode temperature = root.Get("temperature");
            if (temperature != null && !temperature.IsNull)
            {
                profile.TemperatureType = Text(temperature, "type");
                profile.TemperatureBusId = Integer(temperature, "busId", -1);
                profile.TemperatureAddress = Integer(temperature, "address", -1);
                JsonNode i2c = FindBus(buses, "i2c", profile.TemperatureBusId);
                if (i2c == null)
                {
                    error = "temperature.busId has no entry in buses.i2c";
                    return null;
                }

                profile.TemperatureSda = Integer(i2c, "sda", -1);
                profile.TemperatureScl = Integer(i2c, "scl", -1);
            }

            JsonNode memory = root.Get("memory");
            JsonNode psram = memory != null && memory.IsObject ? memory.Get("psram") : null;
            profile.Psram = psram != null && psram.IsBool && psram.BoolValue;

            JsonNode current = root.Get("current");
            if (current != null && !current.IsNull)
            {
                profile.HasCurrent = true;
                profile.CurrentAdcChannel = Integer(current, "adcChannel", -1);
                profile.CurrentGpio = Integer(current, "gpio", -1);
                if (Esp32Adc.GpioOfChannel(profile.Chip, profile.CurrentAdcChannel) != profile.CurrentGpio)
                {
                    error = "current.adcChannel does not belong to current.gpio on this chip";
                    return null;
                }
            }

            JsonNode led = root.Get("statusLed");
            if (led != null && !led.IsNull)
            {
                profile.LedGpio = Integer(led, "gpio", -1);
                JsonNode activeHigh = led.Get("activeHigh");
                profile.LedActiveHigh = activeHigh == null || !activeHigh.IsBool || activeHigh.BoolValue;
            }

            JsonNode serial = root.Get("provisioningSerial");
            if (serial != null && !serial.IsNull)
            {
                profile.SerialPort = Text(serial, "port");
                profile.SerialTx = Integer(serial, "tx", -1);
                profile.SerialRx = Integer(serial, "rx", -1);
                profile.SerialBaud = Integer(serial, "baud", 115200);
            }

            JsonNode defaults = root.Get("defaults");
            if (defaults != null)
            {
                profile.DefaultRangeG = Integer(defaults, "accelRangeG", 0);
                profile.DefaultSampleRateHz = Integer(defaults, "sampleRateHz", 0);
                profile.DefaultFftSize = Integer(defaults, "fftSize", 0);
                profile.DefaultCurrentSampleRateHz = Integer(defaults, "currentSampleRateHz", 0);
            }

            return profile;
        }

        private static JsonNode FindBus(JsonNode buses, string kind, int id)
        {
            JsonNode list = buses == null ? null : buses.Get(kind);
            if (list == null || !list.IsArray)
            {
                return null;
            }

            for (int i = 0; i < list.Count; i++)
            {
                JsonNode bus = list.ItemAt(i);
                if (bus.IsObject && Integer(bus, "id", -1) == id)
                {
                    return bus;
                }
            }

            return null;
        }

        private static string Text(JsonNode node, string name)
        {
            JsonNode value = node.Get(name);
            return value != null && value.IsString ? value.StringValue : null;
        }

        private static int Integer(JsonNode node, string name, int fallback)
        {
            JsonNode value = node.Get(name);
            if (value == null || !value.IsNumber || !value.IsInteger || value.IntegerValue < int.MinValue || value.IntegerValue > int.MaxValue)
            {
                return fallback;
            }

            return (int)value.IntegerValue;
        }
    }
}
