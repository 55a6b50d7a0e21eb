using nanoFramework.Hardware.Esp32;
using SensorNode.Core.Sensors;

namespace SensorNode.Firmware.Platform
{
    /// <summary>
    /// Routes the SPI and I²C buses to the pins the board profile names. nanoFramework's ESP32 defaults (SPI1 MOSI 23,
    /// MISO 25, CLK 19; I2C1 18/19; I2C2 25/26; none on the S3) match no common board, so every bus is set explicitly
    /// before its device is created, and so is the provisioning UART (COM2). ADC1 pins are fixed and need nothing.
    /// </summary>
    public static class BoardPins
    {
        public static void Apply(BoardProfile board)
        {
            if (board.AccelerometerOnSpi && board.SpiMosi >= 0)
            {
                bool first = board.AccelerometerBusId == 1;
                Configuration.SetPinFunction(board.SpiMosi, first ? DeviceFunction.SPI1_MOSI : DeviceFunction.SPI2_MOSI);
                Configuration.SetPinFunction(board.SpiMiso, first ? DeviceFunction.SPI1_MISO : DeviceFunction.SPI2_MISO);
                Configuration.SetPinFunction(board.SpiClock, first ? DeviceFunction.SPI1_CLOCK : DeviceFunction.SPI2_CLOCK);
            }

            if (!board.AccelerometerOnSpi && board.AccelerometerSda >= 0)
            {
                SetI2c(board.AccelerometerBusId, board.AccelerometerSda, board.AccelerometerScl);
            }

            if (board.TemperatureSda >= 0)
            {
                SetI2c(board.TemperatureBusId, board.TemperatureSda, board.TemperatureScl);
            }

            if (board.SerialPort == "COM2" && board.SerialTx >= 0 && board.SerialRx >= 0)
            {
                Configuration.SetPinFunction(board.SerialTx, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(board.SerialRx, DeviceFunction.COM2_RX);
            }
        }

        private static void SetI2c(int busId, int sda, int scl)
        {
            bool first = busId == 1;
            Configuration.SetPinFunction(sda, first ? DeviceFunction.I2C1_DATA : DeviceFunction.I2C2_DATA);
            Configuration.SetPinFunction(scl, first ? DeviceFunction.I2C1_CLOCK : DeviceFunction.I2C2_CLOCK);
        }
    }
}
