import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, parseHostOptions } from '../../../main/host/options';

describe('the browser host options', () => {
  it('default to a free port and a folder beside the desktop app data', () => {
    const options = parseHostOptions([]);
    expect(options.port).toBe(0);
    expect(options.dataDir).toBe(path.join(defaultUserDataDir(), 'browser-host'));
    expect(options.serverUrl).toBeNull();
    expect(options.demo).toBe(false);
  });

  it('start in demo mode with --demo', () => {
    expect(parseHostOptions(['--demo']).demo).toBe(true);
  });

  it('take a port, a data folder and a server address', () => {
    expect(
      parseHostOptions(['--port', '4321', '--data-dir', 'x', '--server', 'https://h.example']),
    ).toEqual({
      port: 4321,
      dataDir: path.resolve('x'),
      serverUrl: 'https://h.example/',
      demo: false,
    });
  });

  it.each([
    [['--port', '-1'], /--port/],
    [['--port', '70000'], /--port/],
    [['--port', 'abc'], /--port/],
    [['--server', 'not a url'], /--server/],
    [['--bogus'], /bogus/],
  ])('refuse %j with a message naming the flag', (argv, message) => {
    expect(() => parseHostOptions(argv)).toThrow(message);
  });

  it('place the data folder where Electron keeps userData on each system', () => {
    expect(defaultUserDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/HubDesk');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe(
      '/cfg/HubDesk',
    );
    expect(defaultUserDataDir('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/HubDesk',
    );
    expect(
      defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a'),
    ).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'HubDesk'));
  });
});
