using System;
using System.Device.Gpio;
using System.IO;
using System.Threading;
using nanoFramework.Runtime.Native;
using SensorNode.Core.Hardware;
using SensorNode.Core.Node;
using SensorNode.Core.Sensors;
using SensorNode.Firmware.Accelerometers;
using SensorNode.Firmware.Accelerometers.Adxl345;
using SensorNode.Firmware.Accelerometers.Adxl355;
using SensorNode.Firmware.Accelerometers.Mpu6886;
using SensorNode.Firmware.Current.CtClamp;
using SensorNode.Firmware.Mqtt;
using SensorNode.Firmware.Network.Ethernet;
using SensorNode.Firmware.Network.Wifi;
using SensorNode.Firmware.Platform;
using SensorNode.Firmware.Provisioning;
using SensorNode.Firmware.Storage;
using SensorNode.Firmware.Temperature.Bme280;
using SensorNode.Firmware.Time;

namespace SensorNode.Firmware
{
    /// <summary>
    /// Wires the board (I:\board.json, copied there by `sensornode flash` from boards/&lt;id&gt;.json) to the core
    /// runtime, then runs the runtime's tick loop under supervision. All behaviour is in the core
    /// (SensorNode.Core.Node): this file only chooses adapters.
    /// </summary>
    public static class Program
    {
        public const string FirmwareVersion = "0.1.0";

        private const string Drive = "I:\\";
        private const string BoardFile = "I:\\board.json";

        // M2Mqtt's in-flight queue (unbounded by default): 8 QoS 1 messages; beyond that the core's queue holds records.
        private const int MqttInflightQueueSize = 8;

        public static void Main()
        {
            BoardProfile board = LoadBoard(out string boardError);
            var hardware = new NodeHardware();
            var clock = new SntpClock(null);
            hardware.Clock = clock;
            hardware.Store = new FileBlobStore(Drive);
            hardware.System = new Esp32SystemControl();
            if (board != null)
            {
                // Buffer sizes (config documents, RAM queue, inbox) follow the board's memory class: docs/memory.md.
                hardware.MemoryClass = board.MemoryClass;
                AttachSensors(board, hardware);
            }

            if (hardware.Accelerometer == null)
            {
                hardware.Accelerometer = new AbsentAccelerometer();
            }

            var services = new NodeServices(hardware, FirmwareVersion, board == null ? "unknown" : board.Id);
            hardware.Network = board != null && board.Network == "ethernet"
                ? (INetwork)new EthernetNetwork(clock)
                : new WifiNetwork(clock);
            hardware.Mqtt = new M2MqttLink(MqttInflightQueueSize);

            var runtime = new NodeRuntime(hardware, services, services);
            services.Attach(runtime);
            if (boardError != null)
            {
                runtime.ReportError(boardError);
            }

            var watchdog = new Watchdog(runtime);
            watchdog.Start();

            // The tick loop owns the sensors: above the MQTT client's threads, so a burst is not starved.
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
            while (true)
            {
                int sleepMs = 0;
                try
                {
                    ExecutionConstraint.Install(Watchdog.TickBudgetMs, 0);
                    sleepMs = runtime.Tick();
                }
                catch (ConstraintException)
                {
                    // The tick overran its budget and was aborted; the core's supervisor sees the stuck cycle.
                }
                finally
                {
                    ExecutionConstraint.Install(-1, 0);
                }

                watchdog.Kick();
                if (sleepMs > 0)
                {
                    Thread.Sleep(sleepMs);
                }
            }
        }

        private static BoardProfile LoadBoard(out string error)
        {
            try
            {
                if (!File.Exists(BoardFile))
                {
                    error = "no board profile at I:\\board.json: flash with `sensornode flash --board <id>`";
                    return null;
                }

                byte[] json = File.ReadAllBytes(BoardFile);
                return BoardProfile.Parse(json, json.Length, out error);
            }
            catch (Exception ex)
            {
                error = "board profile unreadable: " + ex.Message;
                return null;
            }
        }

        private static void AttachSensors(BoardProfile board, NodeHardware hardware)
        {
            BoardPins.Apply(board);
            if (board.LedGpio >= 0)
            {
                hardware.Led = new GpioStatusLed(new GpioController(), board.LedGpio, board.LedActiveHigh);
            }

            // A device that cannot even be opened leaves its seam empty (or absent); the runtime reports it.
            try
            {
                if (board.AccelerometerType == BoardProfile.AccelerometerAdxl345)
                {
                    hardware.Accelerometer = new Adxl345Accelerometer(board.AccelerometerBusId, board.AccelerometerChipSelect, board.AccelerometerSpiClockHz);
                }
                else if (board.AccelerometerType == BoardProfile.AccelerometerAdxl355)
                {
                    hardware.Accelerometer = new Adxl355Accelerometer(board.AccelerometerBusId, board.AccelerometerChipSelect, board.AccelerometerSpiClockHz);
                }
                else if (board.AccelerometerType == BoardProfile.AccelerometerMpu6886)
                {
                    hardware.Accelerometer = new Mpu6886Accelerometer(board.AccelerometerBusId, board.AccelerometerAddress);
                }
            }
            catch (Exception)
            {
                hardware.Accelerometer = null;
            }

            if (board.TemperatureType == BoardProfile.TemperatureBme280)
            {
                hardware.Temperature = new Bme280Temperature(board.TemperatureBusId, board.TemperatureAddress);
            }

            try
            {
                if (board.HasCurrent)
                {
                    hardware.Current = new CtClampAdc(board.CurrentAdcChannel);
                }
            }
            catch (Exception)
            {
                hardware.Current = null;
            }

            try
            {
                if (board.SerialPort != null)
                {
                    hardware.Serial = new SerialPortLine(board.SerialPort, board.SerialBaud);
                }
            }
            catch (Exception)
            {
                hardware.Serial = null;
            }
        }
    }
}
