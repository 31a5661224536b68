// Bundles the Outlook surfaces (ARCHITECTURE.md): the React task pane and the launch-event runtime.
// `npm run build` runs tsc first (dist/src, dist/bench), so this config must never clean dist/.
// `--env production` references the hosted office.js; the default (preview) build copies office.js
// into dist/office/ so the pane works from any static file server, outside Office too.
// ENTRA_CLIENT_ID / ENTRA_AUTHORITY / ENTRA_API_SCOPE at build time become meta tags in the pages
// (public values, no secrets); unset, the pane asks the backend's GET /addin-config.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import webpack from 'webpack';

const root = path.dirname(fileURLToPath(import.meta.url));
const hostedOfficeJs = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const officeDist = path.join(root, 'node_modules/@microsoft/office-js/dist');

const rules = [
  { test: /\.[cm]?tsx?$/, loader: 'esbuild-loader', options: { target: 'es2020', jsx: 'automatic' }, exclude: /node_modules/ },
];
const resolve = { extensions: ['.ts', '.tsx', '.js'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } };

export default (env = {}) => {
  const production = Boolean(env.production);
  const officeJs = production ? hostedOfficeJs : 'office/office.js';
  const entra = {
    clientId: process.env.ENTRA_CLIENT_ID ?? '',
    authority: process.env.ENTRA_AUTHORITY ?? '',
    apiScope: process.env.ENTRA_API_SCOPE ?? '',
  };
  const common = {
    mode: 'production',
    devtool: false,
    resolve,
    performance: { hints: false },
    stats: 'errors-warnings',
  };

  const taskpane = {
    ...common,
    name: 'taskpane',
    entry: { taskpane: './src/outlook/taskpane/index.tsx', 'auth-dialog': './src/outlook/dialog/auth-dialog.ts' },
    output: {
      path: path.join(root, 'dist'),
      publicPath: '',
      filename: 'taskpane/[name].[contenthash:8].js',
      chunkFilename: 'taskpane/[name].[contenthash:8].js',
      // only stale hashed task pane chunks are removed; dist/src, dist/bench (tsc) and the rest stay
      clean: { keep: (asset) => !asset.startsWith('taskpane/') },
    },
    module: { rules },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/outlook/taskpane/taskpane.html',
        templateParameters: { officeJs, entra },
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'auth-dialog.html',
        template: './src/outlook/dialog/auth-dialog.html',
        templateParameters: { officeJs },
        chunks: ['auth-dialog'],
        scriptLoading: 'defer',
      }),
      ...(production
        ? []
        : [
            new CopyWebpackPlugin({
              patterns: [
                { from: path.join(officeDist, 'office.js'), to: 'office/office.js', info: { minimized: true } },
                // office.js loads this table to tell its host; without it Office.onReady never answers in preview
                { from: path.join(officeDist, 'o15apptofilemappingtable.js'), to: 'office/o15apptofilemappingtable.js', info: { minimized: true } },
                { from: 'outlook*.js', context: officeDist, to: 'office/[name][ext]', globOptions: { ignore: ['**/*.debug.js'] }, noErrorOnMissing: true, info: { minimized: true } },
                { from: 'en-us/*.js', context: officeDist, to: 'office/[path][name][ext]', globOptions: { ignore: ['**/*.debug.js'] }, noErrorOnMissing: true, info: { minimized: true } },
              ],
            }),
          ]),
    ],
  };

  const configs = [taskpane];
  const launchEntry = path.join(root, 'src/outlook/launchevent/index.ts');
  if (fs.existsSync(launchEntry)) {
    configs.push({
      ...common,
      name: 'launchevent',
      target: ['web', 'es2017'],
      entry: { launchevent: launchEntry },
      output: { path: path.join(root, 'dist'), publicPath: '', filename: '[name].js', clean: false, chunkFormat: 'array-push' },
      module: { rules: [{ ...rules[0], options: { target: 'es2017' } }] },
      optimization: { splitChunks: false, runtimeChunk: false },
      plugins: [
        new HtmlWebpackPlugin({
          filename: 'launchevent.html',
          templateContent: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invite Challenger events</title><script src="${officeJs}"></script></head><body></body></html>`,
          chunks: ['launchevent'],
          inject: 'head',
          scriptLoading: 'blocking',
        }),
        // a single file: dynamic imports are inlined
        new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      ],
    });
  }
  return configs;
};
