using System.Text;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Provisioning
{
    /// <summary>A serial line with an inbound byte queue the test fills and an outbound log it reads.</summary>
    public sealed class ScriptedSerialLine : ISerialLine
    {
        private byte[] _in = new byte[0];
        private int _inPos;
        private readonly StringBuilder _out = new StringBuilder();

        public int Written;

        public void Send(string text)
        {
            Send(Encoding.UTF8.GetBytes(text));
        }

        public void Send(byte[] bytes)
        {
            int remaining = _in.Length - _inPos;
            var next = new byte[remaining + bytes.Length];
            System.Array.Copy(_in, _inPos, next, 0, remaining);
            System.Array.Copy(bytes, 0, next, remaining, bytes.Length);
            _in = next;
            _inPos = 0;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _in.Length - _inPos;
            if (n > count)
            {
                n = count;
            }

            System.Array.Copy(_in, _inPos, buffer, offset, n);
            _inPos += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Written += count;
            _out.Append(Encoding.UTF8.GetString(buffer, offset, count));
        }

        /// <summary>Everything written so far, and clears it.</summary>
        public string TakeOutput()
        {
            string s = _out.ToString();
            _out.Clear();
            return s;
        }
    }
}
