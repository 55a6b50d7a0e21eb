using System.Text;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Fakes
{
    /// <summary>A serial line: the test feeds received bytes and reads what the node wrote.</summary>
    public sealed class FakeSerialLine : ISerialLine
    {
        private byte[] _rx = new byte[0];
        private int _rxPos;
        private readonly StringBuilder _tx = new StringBuilder();

        public void Feed(string text)
        {
            byte[] add = Encoding.UTF8.GetBytes(text);
            int left = _rx.Length - _rxPos;
            var next = new byte[left + add.Length];
            System.Array.Copy(_rx, _rxPos, next, 0, left);
            System.Array.Copy(add, 0, next, left, add.Length);
            _rx = next;
            _rxPos = 0;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _rx.Length - _rxPos;
            if (n > count)
            {
                n = count;
            }

            System.Array.Copy(_rx, _rxPos, buffer, offset, n);
            _rxPos += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _tx.Append(Encoding.UTF8.GetString(buffer, offset, count));
        }

        /// <summary>Everything written so far; clears it.</summary>
        public string TakeOutput()
        {
            string s = _tx.ToString();
            _tx.Clear();
            return s;
        }
    }
}
