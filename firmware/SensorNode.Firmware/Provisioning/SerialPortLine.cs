using System;
using System.IO.Ports;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Provisioning
{
    /// <summary>
    /// The provisioning line on a second UART (COM2 on the pins of the board profile, 115200 8N1). nanoFramework keeps
    /// the USB UART (COM1) for its wire protocol (debugger and deployment; nanoframework/Home#887), so provisioning
    /// uses COM2 through a 3.3 V USB-serial adapter. Reads never block: only the bytes already received are taken.
    /// </summary>
    public sealed class SerialPortLine : ISerialLine
    {
        private readonly SerialPort _port;

        public SerialPortLine(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate);
            _port.ReadTimeout = 0;
            _port.WriteTimeout = 1000;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                int available = _port.BytesToRead;
                if (available <= 0)
                {
                    return 0;
                }

                return _port.Read(buffer, offset, available < count ? available : count);
            }
            catch (Exception)
            {
                return 0;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (Exception)
            {
                // A host that stopped reading must not stall the node; the session re-sends on the next request.
            }
        }
    }
}
