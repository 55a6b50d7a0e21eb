using System;
using System.Collections;
using System.IO;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Storage
{
    /// <summary>
    /// <see cref="IBlobStore"/> as files on the internal flash drive (I:\, LittleFS in the 256 KB config partition).
    /// One file per blob. A write may be torn by a power cut; the core makes updates atomic on top (two slots with
    /// CRC, ConfigStore), so this adapter only replaces the file's content. Paths are built once per name.
    /// </summary>
    public sealed class FileBlobStore : IBlobStore
    {
        private readonly string _root;
        private readonly Hashtable _paths = new Hashtable();

        /// <param name="root">Drive or folder, e.g. "I:\\".</param>
        public FileBlobStore(string root)
        {
            _root = root;
        }

        public int Read(string name, byte[] buffer)
        {
            string path = PathOf(name);
            try
            {
                if (!File.Exists(path))
                {
                    return -1;
                }

                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = file.Length;
                    if (length > buffer.Length)
                    {
                        return -1;
                    }

                    int total = 0;
                    while (total < length)
                    {
                        int read = file.Read(buffer, total, (int)length - total);
                        if (read <= 0)
                        {
                            break;
                        }

                        total += read;
                    }

                    return total;
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public bool Write(string name, byte[] data, int length)
        {
            try
            {
                using (var file = new FileStream(PathOf(name), FileMode.Create, FileAccess.Write))
                {
                    file.Write(data, 0, length);
                    file.Flush();
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Delete(string name)
        {
            string path = PathOf(name);
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                return !File.Exists(path);
            }
            catch (Exception)
            {
                return false;
            }
        }

        private string PathOf(string name)
        {
            object cached = _paths[name];
            if (cached != null)
            {
                return (string)cached;
            }

            string path = _root + name;
            _paths[name] = path;
            return path;
        }
    }
}
